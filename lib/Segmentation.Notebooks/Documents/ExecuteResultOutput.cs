using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>The value of a cell's last expression.</summary>
public sealed record ExecuteResultOutput : MimeOutput
{
    /// <summary>Creates the output.</summary>
    public ExecuteResultOutput(IReadOnlyDictionary<string, string> data, JsonObject? metadata, int? executionCount)
        : base(data, metadata) => ExecutionCount = executionCount;

    /// <summary>The execution count of the cell that produced it.</summary>
    public int? ExecutionCount { get; init; }

    /// <inheritdoc />
    public override string OutputType => "execute_result";
}
