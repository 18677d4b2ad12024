using System.CommandLine;
using Segmentation.Workflow;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg report [--data DIR] [--notebooks DIR] [--out DIR] [--lang en|zh-CN] [--pdf]</c>: the main job on the bundled
/// data — the full segmentation (<c>seg segment</c>) into <c>OUT/segmentation/</c>, then every notebook of the
/// workspace into <c>OUT/</c>. With <c>--lang zh-CN</c> the report is written in Chinese and the Chinese notebooks
/// (<c>NOTEBOOKS/zh-CN/</c>, the same code with Chinese narrative) run into <c>OUT/zh-CN/</c>; each index links the
/// other.
/// </summary>
internal sealed class NotebooksReportCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var notebooks = new Option<string>("--notebooks")
        {
            Description = "Directory of notebooks.",
            DefaultValueFactory = _ => "notebooks",
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory for the report (index.html, one page per notebook).",
            DefaultValueFactory = _ => "reports",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per cell, in seconds.",
            DefaultValueFactory = _ => NotebooksCli.DefaultTimeoutSeconds,
        };
        var data = new Option<string>("--data")
        {
            Description = "Folder with transactions.csv, customers.csv and (optional) truth.csv.",
            DefaultValueFactory = _ => "data/sample",
        };
        var report = new Command(
            "report",
            "Segment the bundled data (OUT/segmentation/report.html) and run all notebooks into OUT: "
                + "executed notebooks, one HTML page each and index.html."
        );
        var languageOption = CliLanguage.Create();
        var pdf = CliLanguage.PdfOption();
        report.Options.Add(languageOption);
        report.Options.Add(pdf);
        var notebooksOnly = new Option<bool>("--notebooks-only")
        {
            Description = "Only run the notebooks; skip the segmentation of the data folder.",
        };
        report.Options.Add(data);
        report.Options.Add(notebooksOnly);
        report.Options.Add(notebooks);
        report.Options.Add(output);
        report.Options.Add(timeout);
        report.SetAction(result =>
            CliHost.Guard(() =>
            {
                var folder = result.GetRequiredValue(data);
                var language = CliLanguage.Parse(result.GetValue(languageOption));
                var chinese = language == Common.Text.Language.Chinese;
                var outDirectory = chinese
                    ? Path.Combine(result.GetRequiredValue(output), language.Code)
                    : result.GetRequiredValue(output);
                var notebookDirectory = chinese
                    ? Path.Combine(result.GetRequiredValue(notebooks), language.Code)
                    : result.GetRequiredValue(notebooks);
                (string, string)[] links = chinese
                    ?
                    [
                        (language["Report_Title"], "segmentation/report.html"),
                        (Common.Text.Language.English.DisplayName, "../index.html"),
                    ]
                    :
                    [
                        (language["Report_Title"], "segmentation/report.html"),
                        (Common.Text.Language.Chinese.DisplayName, "zh-CN/index.html"),
                    ];
                var truth = Path.Combine(folder, "truth.csv");
                var customers = Path.Combine(folder, "customers.csv");
                if (result.GetValue(notebooksOnly))
                    return NotebooksCli.Run(
                        [notebookDirectory],
                        outDirectory,
                        result.GetValue(timeout),
                        language,
                        links
                    );
                using (
                    var run = SegmentWorkflow.Run(
                        new SegmentWorkflowOptions
                        {
                            Input = Path.Combine(folder, "transactions.csv"),
                            Customers = File.Exists(customers) ? customers : null,
                            Truth = File.Exists(truth) ? truth : null,
                            Language = language,
                        }
                    )
                )
                {
                    var segmentation = Path.Combine(outDirectory, "segmentation");
                    SegmentOutputs.Write(run, segmentation);
                    if (result.GetValue(pdf))
                        CliLanguage.WritePdf(segmentation);
                    Console.WriteLine(
                        $"{run}; wrote {Path.GetFullPath(Path.Combine(segmentation, SegmentOutputs.Report))}"
                    );
                }
                return NotebooksCli.Run([notebookDirectory], outDirectory, result.GetValue(timeout), language, links);
            })
        );
        return report;
    }
}
