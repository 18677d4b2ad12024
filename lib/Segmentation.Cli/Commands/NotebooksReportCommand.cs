using System.CommandLine;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg report [--notebooks DIR] [--out DIR]</c>: runs every notebook of the workspace into the reports directory.</summary>
internal sealed class NotebooksReportCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var notebooks = new Option<string>("--notebooks") { Description = "Directory of notebooks.", DefaultValueFactory = _ => "notebooks" };
        var output = new Option<string>("--out") { Description = "Directory for the report (index.html, one page per notebook).", DefaultValueFactory = _ => "reports" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per cell, in seconds.",
            DefaultValueFactory = _ => NotebooksCli.DefaultTimeoutSeconds,
        };
        var report = new Command("report", "Run all notebooks into a report: executed notebooks, one HTML page each and index.html.");
        report.Options.Add(notebooks);
        report.Options.Add(output);
        report.Options.Add(timeout);
        report.SetAction(result => CliHost.Guard(() =>
            NotebooksCli.Run([result.GetRequiredValue(notebooks)], result.GetRequiredValue(output), result.GetValue(timeout))));
        return report;
    }
}
