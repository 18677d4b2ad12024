namespace Segmentation.Cli;

/// <summary>
/// The error boundary of the CLI: a user-facing error becomes one line on stderr and exit code 2,
/// never a stack trace. Only errors that carry an actionable message are caught here.
/// </summary>
internal static class CliHost
{
    /// <summary>Exit code for bad input or options.</summary>
    public const int UserError = 2;

    /// <summary>Runs a command body inside the error boundary.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (SegmentationException e)
        {
            return Fail(e.Message);
        }
        catch (FileNotFoundException e)
        {
            return Fail($"{e.FileName ?? "input"}: file not found");
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message);
        }
        catch (IOException e)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>Prints a command's <paramref name="result"/> and the folder it wrote; returns exit code 0.</summary>
    public static int Wrote(object result, string directory)
    {
        Console.WriteLine(result);
        Console.WriteLine($"wrote {Path.GetFullPath(directory)}");
        return 0;
    }

    /// <summary>Prints a one-line error and returns <see cref="UserError"/>.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"seg: {message}");
        return UserError;
    }
}
