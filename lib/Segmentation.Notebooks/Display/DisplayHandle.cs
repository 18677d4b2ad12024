namespace Segmentation.Notebooks.Display;

/// <summary>A displayed output that can be replaced in place (<c>update_display_data</c>).</summary>
public sealed class DisplayHandle
{
    private readonly Action<string, object?> update;

    internal DisplayHandle(string displayId, Action<string, object?> update)
    {
        DisplayId = displayId;
        this.update = update;
    }

    /// <summary>The display id (transient: not stored in the notebook).</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed value.</summary>
    public void Update(object? value) => update(DisplayId, value);
}
