using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Display;

/// <summary>Starts progress bars in the running cell: <c>var p = Progress.Start("k-scan", 10); …
/// p.Report(i);</c>.</summary>
public sealed class ProgressFactory
{
    private readonly Func<
        IReadOnlyDictionary<string, string>,
        JsonObject?,
        Action<IReadOnlyDictionary<string, string>, JsonObject?>
    > open;

    internal ProgressFactory(
        Func<
            IReadOnlyDictionary<string, string>,
            JsonObject?,
            Action<IReadOnlyDictionary<string, string>, JsonObject?>
        > open
    ) => this.open = open;

    /// <summary>Shows a progress bar at 0 of <paramref name="total"/> steps.</summary>
    public ProgressBar Start(string label, long total)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (total < 0)
            throw new OptionsException(FormattableString.Invariant($"total={total} must be >= 0"));
        Action<IReadOnlyDictionary<string, string>, JsonObject?>? update = null;
        var bar = new ProgressBar(label, total, (data, metadata) =>
        {
            if (update is null)
                update = open(data, metadata);
            else
                update(data, metadata);
        });
        bar.Start();
        return bar;
    }
}
