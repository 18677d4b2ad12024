using System.Globalization;

namespace Segmentation.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Longest time one cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Where to write one line per notebook and progress bars; null for silence.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>True when <see cref="Log"/> is a terminal, so progress bars are redrawn in place.</summary>
    public bool LogIsTerminal { get; init; }

    /// <summary>Cache of NuGet restores and project snapshots (see
    /// <see cref="Execution.NotebookSessionOptions.CacheDirectory"/>).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The language of the index page and of the notebooks' sessions: the charts and tables cells show
    /// (default English).</summary>
    public Segmentation.Common.Text.Language Language { get; init; } = Segmentation.Common.Text.Language.English;

    /// <summary>Links the index page shows above its table (text, relative address): the other language's set, the
    /// report.</summary>
    public IReadOnlyList<(string Text, string Href)> IndexLinks { get; init; } = [];

    /// <summary>Checks the settings; throws <see cref="OptionsException"/>.</summary>
    public NotebookRunOptions Validate()
    {
        if (CellTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new OptionsException(
                string.Create(CultureInfo.InvariantCulture, $"timeout={timeout.TotalSeconds} s must be > 0 s")
            );
        return this;
    }
}
