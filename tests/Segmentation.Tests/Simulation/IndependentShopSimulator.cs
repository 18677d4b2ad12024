using System.Globalization;
using System.Text;

namespace Segmentation.Tests.Simulation;

/// <summary>
/// A second shop, written without reference to <c>seg generate</c>: purchases only, in the layout of the UCI Online
/// Retail export with ISO timestamps, six behavioural segments defined by when customers arrive, how often they buy,
/// when they stop and how much they spend per order (champions, loyal, at risk, new, hibernating, rare big spenders).
/// Orders arrive as a Poisson process between a customer's first day and the day they stop; order values are
/// log-normal. Like real exports it also holds guest orders without a customer id, cancellations (invoice "C…",
/// negative quantities) and a few exact duplicate lines. It exists to test the method on data we did not shape.
/// </summary>
public static class IndependentShopSimulator
{
    /// <summary>One planted segment: share of customers and the behaviour that defines it.</summary>
    /// <param name="Name">Segment label written to the truth file.</param>
    /// <param name="Share">Share of customers.</param>
    /// <param name="FirstDay">Range of the first purchase day, in days from the start of the window.</param>
    /// <param name="OrdersPerMonth">Poisson rate of orders while active.</param>
    /// <param name="StopBeforeEnd">Range of days before the window's end at which the customer stops buying (0: still
    /// active).</param>
    /// <param name="ActiveDaysAtMost">When set, the customer stops at most this many days after the first
    /// purchase.</param>
    /// <param name="MedianOrderValue">Median order value (log-normal).</param>
    /// <param name="OrderValueSpread">Standard deviation of the log order value.</param>
    public sealed record Segment(
        string Name,
        double Share,
        (int Low, int High) FirstDay,
        double OrdersPerMonth,
        (int Low, int High) StopBeforeEnd,
        int? ActiveDaysAtMost,
        double MedianOrderValue,
        double OrderValueSpread
    );

    /// <summary>The six segments, with the window of 730 days.</summary>
    public static IReadOnlyList<Segment> Segments { get; } =
    [
        new("champions", 0.10, (0, 180), 2.5, (0, 10), null, 90, 0.35),
        new("loyal", 0.20, (0, 365), 0.8, (0, 30), null, 40, 0.35),
        new("at_risk", 0.15, (0, 240), 1.2, (150, 300), null, 60, 0.35),
        new("new", 0.15, (655, 725), 1.0, (0, 5), null, 40, 0.4),
        new("hibernating", 0.30, (0, 330), 1.0, (0, 0), 60, 22, 0.45),
        new("rare_big_spenders", 0.10, (0, 400), 0.12, (0, 30), null, 420, 0.3),
    ];

    /// <summary>First day of the window.</summary>
    public static DateTime Start { get; } = new(2021, 1, 4, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Days in the window.</summary>
    public const int WindowDays = 730;

    private static readonly string[] Countries =
    [
        "United Kingdom",
        "United Kingdom",
        "United Kingdom",
        "United Kingdom",
        "Germany",
        "France",
        "EIRE",
        "Spain",
    ];

    /// <summary>Writes <c>transactions.csv</c> (online-retail layout) and <c>truth.csv</c> (customer_id,segment) into
    /// <paramref name="directory"/>.</summary>
    public static (string Transactions, string Truth) Write(string directory, int customers, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var lines = new List<string>();
        var truth = new StringBuilder("customer_id,segment\n");
        var invoice = 536365;
        var products = Enumerable
            .Range(0, 400)
            .Select(i =>
                (
                    Code: (84000 + i * 7).ToString(CultureInfo.InvariantCulture) + (i % 3 == 0 ? "A" : ""),
                    Description: "ITEM " + i.ToString(CultureInfo.InvariantCulture),
                    Price: Math.Round(0.5 + 15 * random.NextDouble() * random.NextDouble(), 2)
                )
            )
            .ToArray();

        void Order(string customerId, string country, DateTime time, double value)
        {
            var number = invoice++;
            var count = 1 + Poisson(random, 2.0);
            var weights = Enumerable.Range(0, count).Select(_ => 0.2 + random.NextDouble()).ToArray();
            var total = weights.Sum();
            var orderLines = new List<(string Code, string Description, int Quantity, double Price)>();
            for (var l = 0; l < count; l++)
            {
                var product = products[random.Next(products.Length)];
                var quantity = Math.Max(1, (int)Math.Round(value * weights[l] / total / product.Price));
                var price = Math.Round(value * weights[l] / total / quantity, 2);
                if (price < 0.01)
                    price = 0.01;
                orderLines.Add((product.Code, product.Description, quantity, price));
                lines.Add(
                    Line(
                        number.ToString(CultureInfo.InvariantCulture),
                        product.Code,
                        product.Description,
                        quantity,
                        time,
                        price,
                        customerId,
                        country
                    )
                );
                if (random.NextDouble() < 0.005)
                    lines.Add(lines[^1]);
            }
            if (customerId.Length > 0 && random.NextDouble() < 0.02)
            {
                var returned = orderLines[random.Next(orderLines.Count)];
                lines.Add(
                    Line(
                        "C" + (invoice++).ToString(CultureInfo.InvariantCulture),
                        returned.Code,
                        returned.Description,
                        -returned.Quantity,
                        time.AddDays(1 + random.Next(20)),
                        returned.Price,
                        customerId,
                        country
                    )
                );
            }
        }

        var end = Start.AddDays(WindowDays);
        for (var c = 0; c < customers; c++)
        {
            var segment = Pick(random);
            var id = (12346 + c * 3).ToString(CultureInfo.InvariantCulture);
            truth.Append(id).Append(',').Append(segment.Name).Append('\n');
            var country = Countries[random.Next(Countries.Length)];
            var first = Start
                .AddDays(random.Next(segment.FirstDay.Low, segment.FirstDay.High + 1))
                .AddMinutes(8 * 60 + random.Next(10 * 60));
            var stop = end.AddDays(-random.Next(segment.StopBeforeEnd.Low, segment.StopBeforeEnd.High + 1));
            if (segment.ActiveDaysAtMost is { } most)
                stop = first.AddDays(random.Next(most + 1));
            if (stop < first)
                stop = first;
            var time = first;
            while (time <= stop && time < end)
            {
                Order(
                    id,
                    country,
                    time,
                    segment.MedianOrderValue * Math.Exp(segment.OrderValueSpread * Gaussian(random))
                );
                var gapDays = -Math.Log(1 - random.NextDouble()) * 30.4 / segment.OrdersPerMonth;
                time = time.AddDays(Math.Max(1, gapDays)).Date.AddMinutes(8 * 60 + random.Next(10 * 60));
            }
        }
        // Guest checkouts: orders without a customer id, about a fifth of the lines.
        var guests = lines.Count / 5 / 3;
        for (var g = 0; g < guests; g++)
            Order(
                "",
                Countries[random.Next(Countries.Length)],
                Start.AddDays(random.Next(WindowDays)).AddMinutes(8 * 60 + random.Next(600)),
                30 * Math.Exp(0.5 * Gaussian(random))
            );

        // The export is sorted by invoice date, as the UCI file is.
        var ordered = lines
            .Select((line, i) => (line, i))
            .OrderBy(p => p.line.Split(',')[4], StringComparer.Ordinal)
            .ThenBy(p => p.i)
            .Select(p => p.line);
        var transactions = Path.Combine(directory, "transactions.csv");
        File.WriteAllText(
            transactions,
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + string.Join("\n", ordered)
                + "\n"
        );
        var truthPath = Path.Combine(directory, "truth.csv");
        File.WriteAllText(truthPath, truth.ToString());
        return (transactions, truthPath);
    }

    private static string Line(
        string invoice,
        string code,
        string description,
        int quantity,
        DateTime time,
        double price,
        string customerId,
        string country
    ) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{invoice},{code},{description},{quantity},{time:yyyy-MM-dd HH:mm:ss},{price:0.00},{customerId},{country}"
        );

    private static Segment Pick(Random random)
    {
        var u = random.NextDouble();
        foreach (var segment in Segments)
        {
            if (u < segment.Share)
                return segment;
            u -= segment.Share;
        }
        return Segments[^1];
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
