using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Running;

/// <summary>One executed notebook.</summary>
/// <param name="Source">The notebook file that was run.</param>
/// <param name="Executed">The notebook with its outputs (cells after a failure are left unexecuted).</param>
/// <param name="Failure">The failing cell, or null when every cell ran.</param>
/// <param name="Duration">Wall-clock time.</param>
public sealed record NotebookRunResult(string Source, Notebook Executed, CellFailure? Failure, TimeSpan Duration)
{
    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>"02-clean.ipynb: cell 4 (`…`) failed: …" or "02-clean.ipynb: ok".</summary>
    public override string ToString() => $"{Path.GetFileName(Source)}: {(Failure is null ? "ok" : Failure.ToString())}";
}
