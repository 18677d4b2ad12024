namespace Segmentation.Notebooks.Documents;

/// <summary>Text written to standard output or standard error while a cell ran.</summary>
/// <param name="Name"><see cref="StandardOutput"/> or <see cref="StandardError"/>.</param>
/// <param name="Text">The text, newlines included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <summary>The stream name of standard output.</summary>
    public const string StandardOutput = "stdout";

    /// <summary>The stream name of standard error.</summary>
    public const string StandardError = "stderr";

    /// <inheritdoc />
    public override string OutputType => "stream";
}
