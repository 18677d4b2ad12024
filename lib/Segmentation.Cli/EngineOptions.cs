using System.CommandLine;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Warehouse;

namespace Segmentation.Cli;

/// <summary>
/// <c>--engine duckdb|clickhouse</c>, <c>--connection URI</c>, <c>--table NAME</c> of <c>rfm</c>, <c>features</c> and
/// <c>segment</c>: with ClickHouse the cleaning rules' counts, RFM and the per-customer features are computed in the
/// warehouse, over the table, and only the feature table comes back. Declared once here.
/// </summary>
internal sealed class EngineOptions
{
    private readonly Option<string> engine = new("--engine")
    {
        Description =
            "duckdb (read --input on this machine, the default) or clickhouse (the log is a ClickHouse "
            + "table: rules, RFM and features run there)",
        DefaultValueFactory = _ => "duckdb",
    };
    private readonly Option<string?> connection = new("--connection")
    {
        Description =
            "With --engine clickhouse: the server, "
            + ClickHouseEndpoint.Expected
            + "; or several, comma-separated: the shards of a table sharded by customer id, "
            + "each read where its lines are",
    };
    private readonly Option<string?> table = new("--table")
    {
        Description =
            "With --engine clickhouse: the table (or Distributed table) holding the log in the workspace "
            + "columns; with several servers, the local table on each shard",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(engine);
        command.Options.Add(connection);
        command.Options.Add(table);
    }

    /// <summary>True when <c>--engine clickhouse</c> was given.</summary>
    public bool IsClickHouse(ParseResult parse) => parse.GetValue(engine) == "clickhouse";

    /// <summary>True when the command runs on ClickHouse; checks that the options fit together (one-line
    /// errors).</summary>
    public bool Warehouse(ParseResult parse, string? input)
    {
        switch (parse.GetValue(engine))
        {
            case "duckdb":
                if (parse.GetValue(connection) is not null || parse.GetValue(table) is not null)
                    throw new OptionsException("--connection and --table need --engine clickhouse");
                if (input is null)
                    throw new OptionsException(
                        "--input must name the transaction log (or use --engine clickhouse --connection "
                            + "URI --table NAME)"
                    );
                return false;
            case "clickhouse":
                if (input is not null)
                    throw new OptionsException(
                        "--input and --engine clickhouse exclude each other: the log is --table in the warehouse"
                    );
                if (parse.GetValue(connection) is null)
                    throw new OptionsException(
                        "--engine clickhouse needs --connection URI; " + ClickHouseEndpoint.Expected
                    );
                if (parse.GetValue(table) is null)
                    throw new OptionsException("--engine clickhouse needs --table NAME");
                return true;
            case var other:
                throw new OptionsException($"--engine={other} must be duckdb or clickhouse");
        }
    }

    /// <summary>Opens the warehouse table (checked: reachable, present, with the required columns).</summary>
    public WarehouseLog Open(ParseResult parse, CleaningOptions options)
    {
        var endpoints = ClickHouseEndpoint.ParseList(parse.GetValue(connection)!);
        var servers = new ClickHouseShards(endpoints.Select(e => new ClickHouseEngine(e)).ToList());
        try
        {
            return WarehouseLog.Open(servers, parse.GetValue(table)!, options);
        }
        catch
        {
            servers.Dispose();
            throw;
        }
    }

    /// <summary>Opens the warehouse table, counts its cleaning rules there and stages the clean lines for the feature
    /// queries; disposing the result drops the staged tables, then closes the connection.</summary>
    public CleanedWarehouse OpenCleaned(ParseResult parse, CleaningOptions options)
    {
        var log = Open(parse, options);
        try
        {
            var cleaning = log.Clean();
            log.Stage();
            return new CleanedWarehouse(log, cleaning);
        }
        catch
        {
            log.Dispose();
            log.Engine.Dispose();
            throw;
        }
    }
}

/// <summary>A warehouse log cleaned and staged for one command (<see cref="EngineOptions.OpenCleaned"/>).</summary>
/// <param name="Log">The staged log (lines and rules stay in the warehouse).</param>
/// <param name="Cleaning">The rules' counts, as a cleaning result.</param>
internal sealed record CleanedWarehouse(WarehouseLog Log, CleaningResult Cleaning) : IDisposable
{
    /// <summary>Writes quality.json of the rules' counts into <paramref name="directory"/> (created if
    /// missing).</summary>
    public void WriteQualityJson(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, OutputFiles.QualityJson),
            QualityReportWriter.ToJson([Cleaning.Report])
        );
    }

    /// <summary>Prints the cleaning counts and where they were computed.</summary>
    public void Print()
    {
        Console.WriteLine(Cleaning);
        Console.WriteLine($"computed in ClickHouse ({Log.Engine}, table {Log.Table})");
    }

    /// <summary>Drops the staged tables, then closes the connection.</summary>
    public void Dispose()
    {
        Log.Dispose();
        Log.Engine.Dispose();
    }
}
