using Segmentation.Common.Text;
using Segmentation.Notebooks.Running;

namespace Segmentation.Notebooks.Tests;

/// <summary>
/// How the walkthrough tests (English and Chinese) run one workspace notebook: through the runner, as <c>seg report</c>
/// does, with five minutes per cell, in the language given. The run must succeed.
/// </summary>
internal static class WalkthroughRun
{
    /// <summary>Runs <paramref name="path"/> into <paramref name="outputDirectory"/>; fails the test unless it
    /// succeeded.</summary>
    public static async Task<NotebookRunResult> RunAsync(string path, string outputDirectory, Language? language = null)
    {
        var options = new NotebookRunOptions
        {
            CellTimeout = TimeSpan.FromMinutes(5),
            Language = language ?? Language.English,
        };
        var run = Assert.Single(await NotebookBatch.RunAsync([path], outputDirectory, options));
        Assert.True(run.Succeeded, run.ToString());
        return run;
    }
}
