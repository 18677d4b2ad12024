namespace Segmentation;

/// <summary>
/// Base of every error the workspace reports to a user: the message is one actionable line
/// (what, where, what was expected). The CLI prints it without a stack trace.
/// </summary>
public class SegmentationException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public SegmentationException(string message)
        : base(message) { }

    /// <summary>Creates the exception with its one-line message and the underlying cause.</summary>
    public SegmentationException(string message, Exception innerException)
        : base(message, innerException) { }
}

/// <summary>Bad input data: names the file and, where they apply, the line, the column, the value and what was
/// expected.</summary>
public sealed class DataFormatException : SegmentationException
{
    /// <summary>Creates the error; the message is composed from the parts.</summary>
    public DataFormatException(
        string file,
        string problem,
        long? line = null,
        string? column = null,
        string? value = null,
        string? expected = null
    )
        : base(Compose(file, problem, line, column, value, expected))
    {
        File = file;
        Line = line;
        Column = column;
        Value = value;
        Expected = expected;
    }

    /// <summary>The file (as given by the user).</summary>
    public string File { get; }

    /// <summary>1-based line, when the problem is on one line.</summary>
    public long? Line { get; }

    /// <summary>Column name, when the problem is in one column.</summary>
    public string? Column { get; }

    /// <summary>The offending value, when there is one.</summary>
    public string? Value { get; }

    /// <summary>What was expected instead.</summary>
    public string? Expected { get; }

    private static string Compose(
        string file,
        string problem,
        long? line,
        string? column,
        string? value,
        string? expected
    )
    {
        var where = file;
        if (line is { } l)
            where += FormattableString.Invariant($":{l}");
        if (column is not null)
            where += $" column '{column}'";
        var text = $"{where}: {problem}";
        if (value is not null)
            text += $" (found '{value}')";
        if (expected is not null)
            text += $"; expected {expected}";
        return text;
    }
}

/// <summary>An invalid option or argument: names the argument and both values.</summary>
public sealed class OptionsException : SegmentationException
{
    /// <summary>Creates the error, e.g. <c>clusters=7 must be &lt;= rows=5</c>.</summary>
    public OptionsException(string message)
        : base(message) { }
}

/// <summary>The machine ran out of what a job needs (the disk DuckDB spills to, the memory it may use): names the
/// resource, DuckDB's own message, and the option that gives more of it.</summary>
public sealed class ResourceException : SegmentationException
{
    /// <summary>Creates the error with its one-line message and DuckDB's error as the cause.</summary>
    public ResourceException(string message, Exception innerException)
        : base(message, innerException) { }
}
