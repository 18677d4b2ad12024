using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// Progress of long work, shown as one output updated in place (a notebook keeps its final state;
/// a terminal shows a text bar). Pass it to library code as <see cref="IProgress{T}"/>. Updates are
/// sent when the whole percentage changes, so a million reports cost at most a hundred updates.
/// </summary>
public sealed class ProgressBar : IProgress<long>, IProgress<int>, IDisposable
{
    private const int BarWidth = 30;
    private readonly object gate = new();
    private readonly Action<IReadOnlyDictionary<string, string>, JsonObject> publish;
    private long current;
    private int lastPercent = -1;
    private bool completed;

    internal ProgressBar(string label, long total, Action<IReadOnlyDictionary<string, string>, JsonObject> publish)
    {
        Label = label;
        Total = total;
        this.publish = publish;
    }

    /// <summary>What is being done.</summary>
    public string Label { get; }

    /// <summary>The number of steps.</summary>
    public long Total { get; }

    /// <summary>Steps done so far.</summary>
    public long Current
    {
        get
        {
            lock (gate)
                return current;
        }
    }

    /// <summary>Sets the number of steps done (clamped to 0…<see cref="Total"/>).</summary>
    public void Report(long value)
    {
        lock (gate)
        {
            current = Math.Clamp(value, 0, Total);
            PublishIfChanged();
        }
    }

    /// <inheritdoc />
    void IProgress<int>.Report(int value) => Report(value);

    /// <summary>Adds steps done.</summary>
    public void Increment(long steps = 1)
    {
        lock (gate)
        {
            current = Math.Clamp(current + steps, 0, Total);
            PublishIfChanged();
        }
    }

    /// <summary>Marks the work done (all steps).</summary>
    public void Complete()
    {
        lock (gate)
        {
            if (completed)
                return;
            completed = true;
            current = Total;
            PublishIfChanged(force: true);
        }
    }

    /// <summary>Same as <see cref="Complete"/>.</summary>
    public void Dispose() => Complete();

    /// <summary>The text bar: <c>k-scan [###############---------------]  50% (5/10)</c>.</summary>
    public string ToText()
    {
        lock (gate)
        {
            var filled = Total == 0 ? BarWidth : (int)(BarWidth * current / Total);
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} [{1}{2}] {3,3}% ({4}/{5})",
                Label,
                new string('#', filled),
                new string('-', BarWidth - filled),
                Percent,
                current,
                Total
            );
        }
    }

    internal void Start()
    {
        lock (gate)
            PublishIfChanged(force: true);
    }

    private int Percent => Total == 0 ? 100 : (int)(100 * current / Total);

    private void PublishIfChanged(bool force = false)
    {
        var percent = Percent;
        if (!force && percent == lastPercent)
            return;
        lastPercent = percent;
        var html =
            string.Create(
                CultureInfo.InvariantCulture,
                $"<div class=\"seg-progress\"><progress max=\"{Total}\" value=\"{current}\"></progress> "
            )
            + string.Create(
                CultureInfo.InvariantCulture,
                $"{WebUtility.HtmlEncode(Label)}: {current:N0} of {Total:N0} ({percent}%)</div>"
            );
        publish(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MimeTypes.PlainText] = ToText(),
                [MimeTypes.Html] = html,
            },
            new JsonObject { [DocumentAssets.MetadataKey] = new JsonObject { ["progress"] = true } }
        );
    }
}
