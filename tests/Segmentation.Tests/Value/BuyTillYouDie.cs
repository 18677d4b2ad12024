using Segmentation.Common;
using Segmentation.Data;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

/// <summary>Simulates customers from the BG/NBD and Gamma–Gamma generative stories, with known parameters.</summary>
internal static class BuyTillYouDie
{
    /// <summary>One simulated customer: calibration history and repeat purchases in a following holdout.</summary>
    public sealed record Customer(int Frequency, double Recency, double T, int HoldoutFrequency);

    /// <summary>
    /// BG/NBD: λ ~ Gamma(r, scale 1/α), p ~ Beta(a, b); while alive, repeat purchases arrive as a Poisson process
    /// with rate λ, and after each repeat purchase the customer drops out with probability p.
    /// </summary>
    public static List<Customer> Purchases(
        SeededRandom random,
        BgNbdParameters parameters,
        int customers,
        double minimumAge,
        double maximumAge,
        double holdout = 0
    )
    {
        var result = new List<Customer>(customers);
        for (var i = 0; i < customers; i++)
        {
            var age = minimumAge + (maximumAge - minimumAge) * random.NextDouble();
            var times = PurchaseTimes(random, parameters, age + holdout);
            var calibration = times.Where(t => t <= age).ToList();
            result.Add(
                new Customer(
                    calibration.Count,
                    calibration.Count > 0 ? calibration[^1] : 0.0,
                    age,
                    times.Count - calibration.Count
                )
            );
        }
        return result;
    }

    /// <summary>Times of the repeat purchases (after the first purchase at 0) up to <paramref name="until"/>.</summary>
    public static List<double> PurchaseTimes(SeededRandom random, BgNbdParameters parameters, double until)
    {
        var rate = random.NextGamma(parameters.R, 1.0 / parameters.Alpha);
        var dropout = random.NextBeta(parameters.A, parameters.B);
        var times = new List<double>();
        var t = 0.0;
        while (true)
        {
            t += random.NextExponential(rate);
            if (t > until)
                return times;
            times.Add(t);
            if (random.NextDouble() < dropout)
                return times;
        }
    }

    /// <summary>Gamma–Gamma: ν ~ Gamma(q, scale 1/γ); each transaction's value ~ Gamma(p, scale 1/ν).</summary>
    public static double[] Spend(SeededRandom random, GammaGammaParameters parameters, int transactions)
    {
        var nu = random.NextGamma(parameters.Q, 1.0 / parameters.Gamma);
        var values = new double[transactions];
        for (var j = 0; j < transactions; j++)
            values[j] = random.NextGamma(parameters.P, 1.0 / nu);
        return values;
    }

    /// <summary>
    /// A transaction log: customers' first purchases spread over the first <paramref name="acquisitionWeeks"/> weeks
    /// after <paramref name="start"/>, repeat purchases from BG/NBD (rates per week) up to <paramref name="endWeeks"/>,
    /// each purchase day split into one or two order lines whose amounts come from Gamma–Gamma (two decimals).
    /// </summary>
    public static List<Transaction> Log(
        SeededRandom random,
        BgNbdParameters purchases,
        GammaGammaParameters spend,
        int customers,
        DateTime start,
        double acquisitionWeeks,
        double endWeeks
    )
    {
        var lines = new List<Transaction>();
        for (var i = 0; i < customers; i++)
        {
            var id = FormattableString.Invariant($"C{i:D5}");
            var birth = acquisitionWeeks * random.NextDouble();
            var repeat = PurchaseTimes(random, purchases, endWeeks - birth);
            var values = Spend(random, spend, repeat.Count + 1);
            double[] times = [0.0, .. repeat];
            for (var k = 0; k < times.Length; k++)
            {
                var when = start.AddDays((birth + times[k]) * 7.0);
                var amount = Math.Round((decimal)values[k], 2);
                if (random.NextDouble() < 0.3 && amount >= 0.02m)
                {
                    // Two lines on the same day: the summary must merge them.
                    var part = Math.Round(amount / 3, 2);
                    lines.Add(Line(id, k, 0, when, part));
                    lines.Add(Line(id, k, 1, when.AddMinutes(1), amount - part));
                }
                else
                {
                    lines.Add(Line(id, k, 0, when, amount));
                }
            }
        }
        return lines;
    }

    private static Transaction Line(string customer, int purchase, int line, DateTime when, decimal amount) =>
        new(customer, FormattableString.Invariant($"{customer}-{purchase}"), when, 1m, amount)
        {
            LineNumber = purchase * 2 + line + 1,
        };

    /// <summary>
    /// The log the CLV feature and summary tests share: 400 customers from BG/NBD (r 0.8, α 4, a 0.8, b 2.5) and
    /// Gamma–Gamma (p 6, q 4, γ 15), acquired over 12 weeks from 2020-01-06 and followed for 60 weeks (seed 11).
    /// </summary>
    public static List<Transaction> SixtyWeeksOfFourHundred() =>
        Log(
            new SeededRandom(11),
            new BgNbdParameters(0.8, 4.0, 0.8, 2.5),
            new GammaGammaParameters(6, 4, 15),
            customers: 400,
            start: new DateTime(2020, 1, 6),
            acquisitionWeeks: 12,
            endWeeks: 60
        );
}
