using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Interactive;

/// <summary>
/// <c>value.Display()</c>, as .NET Interactive offers it (<c>chart.Display()</c>, <c>frame.Display()</c>): the same as
/// <c>display(value)</c>. Every cell imports this namespace.
/// </summary>
public static class DisplayExtensions
{
    /// <summary>Shows the value as an output of the running cell and returns a handle whose <c>Update</c> replaces
    /// it.</summary>
    /// <exception cref="InvalidOperationException">No cell is running.</exception>
    public static DisplayHandle Display(this object? value) =>
        (CellContext.Current.Value?.Display ?? throw new InvalidOperationException("Display() needs a running cell"))(
            value
        );
}
