using System.Globalization;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// The parts of a cell that are shown rather than run: markdown (rendered), HTML (as it is), JavaScript (sent for the
/// frontend to run) and Mermaid (drawn offline; mermaid.js goes out once per session, before the first diagram).
/// </summary>
internal sealed class DisplayParts(string idPrefix)
{
    private int mermaidLoaded;
    private int diagramCount;

    /// <summary>Adds the part's output to the cell (nothing for an empty part).</summary>
    public CellStatus Show(CellContext cell, CellPart part)
    {
        if (part.Code.Trim().Length == 0)
            return CellStatus.Ok;
        switch (part.Language)
        {
            case CellLanguage.Markdown:
                cell.Add(new DisplayDataOutput(MimeBundles.Markdown(part.Code)));
                break;
            case CellLanguage.Html:
                cell.Add(new DisplayDataOutput(MagicBundles.Html(part.Code)));
                break;
            case CellLanguage.JavaScript:
                cell.Add(new DisplayDataOutput(MagicBundles.JavaScript(part.Code)));
                break;
            case CellLanguage.Mermaid:
                if (Interlocked.Exchange(ref mermaidLoaded, 1) == 0)
                    cell.Add(MermaidAssets.Loader());
                var id = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{idPrefix}-diagram-{Interlocked.Increment(ref diagramCount)}"
                );
                cell.Add(new DisplayDataOutput(MermaidAssets.Diagram(part.Code, id)));
                break;
            default:
                throw new ArgumentException($"a {part.Language} part is run, not shown", nameof(part));
        }
        return CellStatus.Ok;
    }
}
