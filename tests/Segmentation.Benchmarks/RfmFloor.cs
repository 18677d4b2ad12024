using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Benchmarks;

/// <summary>
/// A diagnostic, not a product: the same cleaning rules and RFM as plain DuckDB SQL with nothing else (no physical
/// line numbers, no quarantine rows, no outlier flags, no column profile). Its time is a floor for what the DuckDB
/// route can reach on this machine; the difference to <see cref="RfmWorker"/> is the cost of the loader's bookkeeping.
/// </summary>
public static class RfmFloor
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "rfm-floor";

    /// <summary>Runs the SQL pipeline on --input, writes rfm.csv to --out and prints the phase times as JSON.</summary>
    public static int Run(Arguments options)
    {
        var input = options.RequiredText("input").Replace("'", "''", StringComparison.Ordinal);
        var directory = options.RequiredText("out");
        var times = new Dictionary<string, object>();
        var watch = Stopwatch.StartNew();
        void Timed(string name, Action step)
        {
            var began = watch.Elapsed.TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            step();
            times[name + "_s"] = Math.Round(watch.Elapsed.TotalSeconds - began, 3);
            times[name + "_cpu_s"] = Math.Round(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu, 3);
        }

        using var store = TransactionStore.Open(new StoreOptions());
        var columns = string.Join(", ", Enumerable.Range(0, 8).Select(i => $"'c{i}': 'VARCHAR'"));
        Timed("read", () => store.Execute(
                $$"""
                CREATE TEMP TABLE raw AS SELECT * FROM read_csv('{{input}}', columns = { {{columns}} },
                    header = true, auto_detect = false,
                    quote = '"', escape = '"', store_rejects = true)
                """
            ));
        Timed("clean", () => store.Execute(
                """
                CREATE TEMP TABLE lines AS
                WITH distinct_lines AS (SELECT DISTINCT c0, c1, c3, c4, c5, c6, c7 FROM raw),
                typed AS (
                    SELECT nullif(trim(c0), '') AS order_id, nullif(trim(c6), '') AS customer_id,
                           coalesce(try_strptime(c4, '%m/%d/%Y %H:%M'), try_strptime(c4, '%m/%d/%Y %H:%M:%S')) AS ts,
                           TRY_CAST(c3 AS DECIMAL(18,3)) AS qty, TRY_CAST(c5 AS DECIMAL(18,4)) AS price
                    FROM distinct_lines)
                SELECT customer_id, order_id, ts, qty * price AS amount FROM typed
                WHERE order_id IS NOT NULL AND ts IS NOT NULL AND qty IS NOT NULL AND price IS NOT NULL
                    AND customer_id IS NOT NULL
                  AND qty > 0 AND NOT starts_with(order_id, 'C') AND price > 0
                  AND ts >= TIMESTAMP '1990-01-01' AND ts < TIMESTAMP '2100-01-01'
                """
            ));
        RfmTable? rfm = null;
        Timed("rfm", () =>
        {
            var day = Convert.ToInt64(
                store.Scalar("SELECT date_diff('day', DATE '0001-01-01', CAST(max(ts) AS DATE)) FROM lines"),
                CultureInfo.InvariantCulture
            );
            var asOf = DateOnly.FromDayNumber((int)day + 1);
            var rows = new List<CustomerRfm>();
            using var command = store.Connection.CreateCommand();
            command.CommandText = $"""
                WITH orders AS (SELECT customer_id, order_id, max(ts) AS last_ts, sum(amount) AS amount
                    FROM lines GROUP BY customer_id, order_id)
                SELECT customer_id, date_diff('day', CAST(max(last_ts) AS DATE), DATE '{asOf:yyyy-MM-dd}') AS recency,
                    count(*) AS frequency, sum(amount) AS monetary
                FROM orders GROUP BY customer_id
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(
                    new CustomerRfm(
                        reader.GetString(0),
                        Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                        Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                        reader.GetDecimal(3)
                    )
                );
            rows.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
            rfm = new RfmTable(asOf, rows);
        });
        Timed("scores_write", () =>
        {
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, "rfm.csv"), false, new UTF8Encoding(false));
            RfmSegmentation.Assign(RfmScores.Score(rfm!)).WriteCsv(writer);
        });
        Console.WriteLine(
            JsonSerializer.Serialize(
                new Dictionary<string, object> { ["customers"] = rfm!.Rows.Count }
                    .Concat(times)
                    .ToDictionary()
            )
        );
        return 0;
    }
}
