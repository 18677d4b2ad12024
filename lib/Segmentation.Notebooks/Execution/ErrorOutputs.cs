using System.Globalization;
using Microsoft.CodeAnalysis;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Execution;

/// <summary>Builds the <see cref="ErrorOutput"/> of each way a cell can fail.</summary>
internal static class ErrorOutputs
{
    public const string CompilationError = "CompilationError";
    public const string TimeoutError = "TimeoutError";
    public const string CancelledError = "Cancelled";
    public const string ReferenceError = "ReferenceError";
    public const string MagicError = "MagicCommandError";

    /// <summary>Compile errors with the cell's line and column (1-based) and the offending line marked.</summary>
    public static ErrorOutput Compilation(string cellName, IReadOnlyList<Diagnostic> errors, string code)
    {
        var lines = code.Split('\n');
        var traceback = new List<string>();
        foreach (var error in errors)
        {
            var position = error.Location.GetLineSpan().StartLinePosition;
            traceback.Add(Describe(error));
            if (position.Line >= 0 && position.Line < lines.Length)
            {
                var number = (position.Line + 1).ToString(CultureInfo.InvariantCulture);
                traceback.Add($"    {number} | {lines[position.Line].TrimEnd('\r')}");
                traceback.Add($"    {new string(' ', number.Length)} | {new string(' ', position.Character)}^");
            }
        }
        var more =
            errors.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {errors.Count - 1} more)") : "";
        return new ErrorOutput(CompilationError, $"{cellName} {Describe(errors[0])}{more}", traceback);
    }

    /// <summary>An exception thrown by the cell: its type, message and the frames of user code.</summary>
    public static ErrorOutput Exception(Exception exception)
    {
        var traceback = exception
            .ToString()
            .Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => !IsMachineryFrame(l))
            .ToList();
        return new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, traceback);
    }

    public static ErrorOutput TimedOut(string cellName, TimeSpan limit) =>
        new(
            TimeoutError,
            $"{cellName} exceeded the time limit of {Seconds(limit)}",
            [$"{cellName} was stopped after {Seconds(limit)} (the per-cell time limit)."]
        );

    public static ErrorOutput Cancelled(string cellName) =>
        new(CancelledError, $"{cellName} was cancelled", [$"{cellName} was cancelled before it finished."]);

    public static ErrorOutput Reference(string cellName, ReferenceResolutionException exception) =>
        new(ReferenceError, $"{cellName}: {exception.Message.Split('\n')[0]}", exception.Message.Split('\n'));

    /// <summary>A magic command that cannot be understood or carried out: one line.</summary>
    public static ErrorOutput Magic(string cellName, string message) =>
        new(MagicError, $"{cellName} {message}", [$"{cellName} {message}"]);

    public static ErrorOutput Sql(string cellName, Exception exception) =>
        new(exception.GetType().Name, $"{cellName}: {exception.Message}", exception.Message.Split('\n'));

    private static string Describe(Diagnostic error)
    {
        var position = error.Location.GetLineSpan().StartLinePosition;
        return string.Create(
                CultureInfo.InvariantCulture,
                $"line {position.Line + 1}, column {position.Character + 1}: error {error.Id}: "
            ) + string.Create(CultureInfo.InvariantCulture, $"{error.GetMessage(CultureInfo.InvariantCulture)}");
    }

    private static string Seconds(TimeSpan limit) =>
        limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static bool IsMachineryFrame(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("at Microsoft.CodeAnalysis.", StringComparison.Ordinal)
            || trimmed.StartsWith("at System.Runtime.CompilerServices.", StringComparison.Ordinal)
            || trimmed.StartsWith("at System.Runtime.ExceptionServices.", StringComparison.Ordinal)
            || trimmed.StartsWith("at System.Threading.", StringComparison.Ordinal)
            || trimmed.StartsWith("--- End of stack trace", StringComparison.Ordinal);
    }
}
