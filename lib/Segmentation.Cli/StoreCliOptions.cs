using System.CommandLine;
using Segmentation.Data;

namespace Segmentation.Cli;

/// <summary>
/// <c>--memory-limit</c>, <c>--temp-dir</c> and <c>--threads</c> of the commands that load a log into DuckDB
/// (<c>clean</c>, <c>features</c>, <c>segment</c>): how much memory DuckDB may hold before it spills, where to, and on
/// how many threads. Declared once here; the defaults are <see cref="StoreOptions"/>'.
/// </summary>
internal sealed class StoreCliOptions
{
    private readonly Option<string?> memoryLimit = new("--memory-limit")
    {
        Description =
            "DuckDB memory limit, e.g. 2GB (default: 3 × the input file's size, at least 1 GiB, at most 40 % of the "
            + "RAM); larger data spills to --temp-dir (same outputs, more CPU)",
    };
    private readonly Option<string?> tempDirectory = new("--temp-dir")
    {
        Description =
            "Directory DuckDB spills to (in a subdirectory of its own, removed at the end; "
            + "default: the system's temporary directory)",
    };
    private readonly Option<int?> threads = new("--threads")
    {
        Description = "DuckDB worker threads (default: all cores)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(memoryLimit);
        command.Options.Add(tempDirectory);
        command.Options.Add(threads);
    }

    /// <summary>The store options given (checked: a bad value is a one-line error naming it).</summary>
    public StoreOptions Parse(ParseResult parse)
    {
        var options = new StoreOptions
        {
            MemoryLimit = parse.GetValue(memoryLimit),
            TempDirectory = parse.GetValue(tempDirectory),
            Threads = parse.GetValue(threads),
        };
        options.Validate();
        return options;
    }
}
