using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Segmentation.Testing;

/// <summary>What a page showed in headless Chromium.</summary>
/// <param name="Dom">The DOM after scripts ran.</param>
/// <param name="ScriptErrors">Errors caught by window.onerror / unhandled rejections, as the page recorded
/// them.</param>
/// <param name="DrawnCharts">Number of plotly charts drawn (containers plotly marked js-plotly-plot).</param>
public sealed record BrowserResult(string Dom, IReadOnlyList<string> ScriptErrors, int DrawnCharts);

/// <summary>
/// Opens a local HTML file in Debian's headless Chromium (installed by tests/setup.sh) with all
/// background networking off, after injecting an error collector, and returns the DOM after scripts ran.
/// </summary>
public static class HeadlessBrowser
{
    private const string Collector =
        "<script>window.__segErrors=[];window.addEventListener('error',"
        + "function(e){window.__segErrors.push(String(e.message||e));});"
        + "window.addEventListener('unhandledrejection',function(e){window.__segErrors.push('rejection: "
        + "'+String(e.reason));});"
        + "window.addEventListener('load',function(){setTimeout(function(){var "
        + "d=document.createElement('pre');d.id='seg-errors';"
        + "d.textContent=JSON.stringify(window.__segErrors);document.body.appendChild(d);},500);});</script>";

    /// <summary>Path of the Chromium binary.</summary>
    public static string Executable => File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "chromium";

    /// <summary>Renders <paramref name="htmlPath"/> and reports errors and drawn charts.</summary>
    public static BrowserResult Render(string htmlPath)
    {
        var html = File.ReadAllText(htmlPath);
        var headAt = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        var instrumented = headAt >= 0 ? html.Insert(headAt + "<head>".Length, Collector) : Collector + html;
        var work = Directory.CreateTempSubdirectory("seg-browser-");
        try
        {
            var page = Path.Combine(work.FullName, Path.GetFileName(htmlPath));
            File.WriteAllText(page, instrumented);
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (
                var a in new[]
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
                    $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    new Uri(page).AbsoluteUri,
                }
            )
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish rendering {htmlPath} in 120 s");
            }
            _ = stderr.Result;
            var errorsJson = Regex.Match(dom, "<pre id=\"seg-errors\">(.*?)</pre>", RegexOptions.Singleline);
            if (!errorsJson.Success)
                throw new InvalidOperationException(
                    $"chromium gave no error report for {htmlPath}; DOM length {dom.Length}"
                );
            var errors = System.Text.Json.JsonSerializer.Deserialize<string[]>(
                System.Net.WebUtility.HtmlDecode(errorsJson.Groups[1].Value)
            ) ?? [];
            var drawn = Regex.Matches(dom, "class=\"[^\"]*\\bjs-plotly-plot\\b[^\"]*\"").Count;
            return new BrowserResult(dom, errors, drawn);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
