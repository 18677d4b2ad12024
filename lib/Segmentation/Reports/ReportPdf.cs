using System.Diagnostics;

namespace Segmentation.Reports;

/// <summary>
/// Prints a report page to PDF through headless Chromium's print-to-PDF (Debian's <c>chromium</c>), offline: every
/// background network feature off and a fresh profile. The page's print rules start each section on a new page and
/// never cut a chart.
/// </summary>
public static class ReportPdf
{
    /// <summary>The Chromium binary: <c>SEG_CHROMIUM</c>, else <c>/usr/bin/chromium</c>, else <c>chromium</c> on the
    /// PATH.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("SEG_CHROMIUM") is { Length: > 0 } set ? set
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : "chromium";

    /// <summary>Prints <paramref name="htmlPath"/> to <paramref name="pdfPath"/>; throws
    /// <see cref="SegmentationException"/> when Chromium fails.</summary>
    public static void Print(string htmlPath, string pdfPath, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(htmlPath);
        ArgumentNullException.ThrowIfNull(pdfPath);
        if (!File.Exists(htmlPath))
            throw new SegmentationException($"{htmlPath}: page not found");
        var profile = Directory.CreateTempSubdirectory("seg-pdf-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (
                var argument in new[]
                {
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--no-pdf-header-footer",
                    "--user-data-dir=" + profile.FullName,
                    "--virtual-time-budget=15000",
                    "--run-all-compositor-stages-before-draw",
                    "--print-to-pdf=" + Path.GetFullPath(pdfPath),
                    new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
                }
            )
            {
                start.ArgumentList.Add(argument);
            }
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new SegmentationException($"{Executable} did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new SegmentationException(
                    $"--pdf needs headless Chromium ({Executable}: {e.Message}); install Debian's chromium "
                        + "or set SEG_CHROMIUM"
                );
            }
            using (process)
            {
                var error = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
                {
                    process.Kill(entireProcessTree: true);
                    throw new SegmentationException($"{Executable} did not print {htmlPath} in time");
                }
                if (process.ExitCode != 0 || !File.Exists(pdfPath))
                    throw new SegmentationException(
                        $"{Executable} could not print {htmlPath} (exit {process.ExitCode}): "
                            + $"{error.Result.Split('\n')[0]}"
                    );
            }
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
