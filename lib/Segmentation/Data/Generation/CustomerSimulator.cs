using System.Runtime.InteropServices;
using Segmentation.Common;

namespace Segmentation.Data.Generation;

/// <summary>
/// Simulates one customer at a time from its own random stream (<see cref="SeededRandom.Fork"/> of the
/// seed and the customer index), so a customer's data never depends on the others.
/// </summary>
internal sealed class CustomerSimulator
{
    /// <summary>Probability that a line is from the customer's favourite category.</summary>
    private const double FavouriteShare = 0.5;

    /// <summary>Concentration of the per-customer preference shares around the segment mean at spread 1.</summary>
    private const double ShareConcentration = 30;

    /// <summary>Log-scale deviation of per-customer order rates at spread 1.</summary>
    private const double RateDeviation = 0.25;

    /// <summary>Log-scale deviation of per-customer basket sizes (lines, quantities) at spread 1.</summary>
    private const double SizeDeviation = 0.10;
    private const double PromotionShare = 0.08;
    private const int MaxLinesPerOrder = 30;

    /// <summary>Regular quantities stay below 50 so that outliers (×50) are recognisable.</summary>
    private const int MaxQuantity = 40;
    public const int OutlierFactor = 50;
    public const long FirstCustomerId = 10001;
    public const long FirstOrderNumber = 100001;

    private static readonly double[] OnlineHours =
    [
        1,
        0.5,
        0.3,
        0.2,
        0.2,
        0.3,
        0.8,
        1.5,
        2,
        2.5,
        3,
        3.5,
        4,
        3.5,
        3,
        3,
        3.5,
        4,
        5,
        6,
        7,
        6.5,
        4.5,
        2.5,
    ];

    private readonly GeneratorOptions options;
    private readonly ProductCatalog catalog;
    private readonly DateTime windowStart;
    private readonly int windowDays;
    private readonly double[] faultThresholds;
    private readonly List<(DateTime Timestamp, bool Online)> drafts = new();
    private readonly List<double> times = new();

    public CustomerSimulator(GeneratorOptions options, ProductCatalog catalog)
    {
        this.options = options;
        this.catalog = catalog;
        windowStart = options.WindowStart.ToDateTime(TimeOnly.MinValue);
        windowDays = options.WindowEnd.DayNumber - options.WindowStart.DayNumber + 1;
        var f = options.Faults;
        faultThresholds = [f.Cancellation, f.Duplicate, f.NonPositivePrice, f.Outlier, f.Malformed];
        for (var i = 1; i < faultThresholds.Length; i++)
            faultThresholds[i] += faultThresholds[i - 1];
    }

    /// <summary>Fills <paramref name="customer"/> with customer <paramref name="index"/>; sales orders are numbered
    /// from <paramref name="nextOrderNumber"/>.</summary>
    public void Simulate(int index, SimulatedCustomer customer, ref long nextOrderNumber)
    {
        var random = SeededRandom.Fork(options.Seed, (ulong)index);
        customer.Clear();
        customer.Index = index;
        customer.Id = FirstCustomerId + index;
        customer.Segment = (PlantedSegment)random.NextWeighted(SegmentProfiles.Shares);
        var profile = SegmentProfiles.All[(int)customer.Segment];

        var signupDaysBeforeEnd = random.NextInt(profile.SignupDaysMin, profile.SignupDaysMax + 1);
        DrawAttributes(random, profile, customer);
        var preferences = DrawPreferences(random, profile);
        var firstDay = DrawOrderTimes(random, profile, preferences, signupDaysBeforeEnd);
        var signupDay = Math.Min(windowDays - 1 - signupDaysBeforeEnd, firstDay);
        customer.Signup = options.WindowStart.AddDays(signupDay);

        foreach (var (timestamp, online) in drafts)
        {
            AddSalesOrder(random, customer, preferences, timestamp, online, nextOrderNumber++);
        }
        AddReturns(random, customer);
        OrderEmission(customer);
    }

    private void DrawAttributes(SeededRandom random, SegmentProfile profile, SimulatedCustomer customer)
    {
        customer.Gender = random.NextDouble() < profile.Female ? 0 : 1;
        customer.Occupation = random.NextWeighted(profile.Occupations);
        customer.Age = customer.Occupation switch
        {
            RetailVocabulary.Student => random.NextInt(18, 27),
            RetailVocabulary.Retired => random.NextInt(58, 81),
            _ => Math.Clamp((int)Math.Round(random.NextGaussian(profile.AgeMean, profile.AgeDeviation)), 18, 80),
        };
        var income =
            profile.IncomeMedian
            * RetailVocabulary.OccupationIncome[customer.Occupation]
            * Math.Exp(0.35 * random.NextGaussian());
        customer.Income = (long)Math.Round(income / 100) * 100;
        customer.City =
            random.NextDouble() < Geography.AbroadShare
                ? Geography.Abroad[random.NextInt(Geography.Abroad.Count)]
                : PickCity(random, Geography.ByTier[random.NextWeighted(profile.CityTiers)]);
        customer.Acquisition = random.NextWeighted(profile.Acquisition);
        var cost =
            RetailVocabulary.AcquisitionCostMeans[customer.Acquisition] * Math.Exp(0.35 * random.NextGaussian() - 0.06);
        customer.AcquisitionCostCents = (long)Math.Round(cost * 100);
        customer.Lifestyle = random.NextWeighted(profile.Lifestyles);
        customer.PriceSensitivity = Likert(random, profile.PriceSensitivity);
        customer.Satisfaction = Likert(random, profile.Satisfaction);
        customer.PurchaseDriver = random.NextWeighted(profile.Drivers);

        // Every column after customer_id and signup_date may be missing.
        for (var column = 2; column < CustomerColumns.All.Count; column++)
        {
            if (random.NextDouble() < options.Faults.MissingAttribute)
                customer.MissingColumns |= 1 << column;
        }
    }

    private static City PickCity(SeededRandom random, City[] cities) => cities[random.NextInt(cities.Length)];

    private static int Likert(SeededRandom random, double mean) =>
        Math.Clamp((int)Math.Round(random.NextGaussian(mean, 0.8)), 1, 5);

    private Preferences DrawPreferences(SeededRandom random, SegmentProfile profile) =>
        new(
            Online: Share(random, profile.Online),
            Premium: Share(random, profile.Premium),
            BudgetOfRest: Share(random, profile.BudgetOfRest),
            International: Share(random, profile.International),
            FavouriteCategory: random.NextWeighted(profile.Categories),
            MinLines: profile.MinLines,
            ExtraLines: profile.ExtraLines * Spread(random, SizeDeviation),
            ExtraQuantity: profile.ExtraQuantity * Spread(random, SizeDeviation),
            IntervalDays: profile.IntervalDays * Spread(random, RateDeviation)
        );

    /// <summary>A per-customer share around the segment mean (Beta with the mean of the segment).</summary>
    private double Share(SeededRandom random, double mean)
    {
        if (options.Spread == 0)
            return mean;
        var concentration = ShareConcentration / (options.Spread * options.Spread);
        return random.NextBeta(mean * concentration, (1 - mean) * concentration);
    }

    /// <summary>A per-customer multiplier of a segment's rate or size (log-normal, median 1).</summary>
    private double Spread(SeededRandom random, double deviation) =>
        Math.Exp(options.Spread * deviation * random.NextGaussian());

    /// <summary>Fills <see cref="drafts"/> with the sales orders' timestamps and channels, sorted; returns the first
    /// order's day.</summary>
    private int DrawOrderTimes(
        SeededRandom random,
        SegmentProfile profile,
        Preferences preferences,
        int signupDaysBeforeEnd
    )
    {
        var lastDay = windowDays - 1;
        var quiet = random.NextInt(profile.QuietDaysMin, profile.QuietDaysMax + 1);
        double activeEnd = lastDay + 1 - quiet;
        var activeStart = Math.Clamp(lastDay - signupDaysBeforeEnd, 0, activeEnd - 1);

        var times = this.times;
        times.Clear();
        if (profile.IntervalDays > 0)
        {
            var mean = preferences.IntervalDays;
            var shape = profile.Regularity;
            for (
                var t = activeStart + random.NextDouble() * mean;
                t < activeEnd;
                t += random.NextGamma(shape, mean / shape)
            )
            {
                times.Add(t);
            }
        }
        else
        {
            var count = Math.Min(profile.MaxOrders, profile.MinOrders + random.NextPoisson(profile.ExtraOrders));
            for (var i = 0; i < count; i++)
                times.Add(activeStart + random.NextDouble() * (activeEnd - activeStart));
        }
        if (times.Count == 0)
            times.Add(activeStart + random.NextDouble() * (activeEnd - activeStart));

        drafts.Clear();
        var firstDay = int.MaxValue;
        foreach (var t in times)
        {
            var day = Math.Min((int)t, lastDay);
            firstDay = Math.Min(firstDay, day);
            var online = random.NextDouble() < preferences.Online;
            var hour = online ? random.NextWeighted(OnlineHours) : random.NextInt(9, 22);
            var timestamp = windowStart.AddDays(day).AddSeconds(hour * 3600 + random.NextInt(3600));
            drafts.Add((timestamp, online));
        }
        drafts.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return firstDay;
    }

    private void AddSalesOrder(
        SeededRandom random,
        SimulatedCustomer customer,
        Preferences preferences,
        DateTime timestamp,
        bool online,
        long number
    )
    {
        var lines = customer.Lines;
        var first = lines.Count;
        var lineCount = Math.Min(MaxLinesPerOrder, preferences.MinLines + random.NextPoisson(preferences.ExtraLines));
        for (var i = 0; i < lineCount; i++)
        {
            var product = PickProduct(random, preferences);
            var quantity = 1 + random.NextPoisson(preferences.ExtraQuantity);
            var existing = FindProduct(lines, first, product);
            if (existing >= 0)
            {
                var span = CollectionsMarshal.AsSpan(lines);
                span[existing].Quantity = Math.Min(MaxQuantity, span[existing].Quantity + quantity);
                continue;
            }
            var price = catalog[product].PriceCents;
            if (random.NextDouble() < PromotionShare)
                price = (long)Math.Round(price * (0.7 + 0.2 * random.NextDouble()));
            lines.Add(
                new SimulatedLine
                {
                    Product = product,
                    Quantity = Math.Min(MaxQuantity, quantity),
                    UnitPriceCents = Math.Max(1, price),
                }
            );
        }

        var all = CollectionsMarshal.AsSpan(lines);
        for (var i = first; i < all.Length; i++)
            DrawLineFault(random, ref all[i]);

        customer.Orders.Add(
            new SimulatedOrder
            {
                Timestamp = timestamp,
                Number = number,
                Online = online,
                MissingCustomer = random.NextDouble() < options.Faults.MissingCustomerId,
                FirstLine = first,
                LineCount = lines.Count - first,
            }
        );
    }

    private int PickProduct(SeededRandom random, Preferences preferences)
    {
        var tier =
            random.NextDouble() < preferences.Premium ? 0
            : random.NextDouble() < preferences.BudgetOfRest ? 2
            : 1;
        var origin = random.NextDouble() < preferences.International ? 0 : 1;
        var category =
            random.NextDouble() < FavouriteShare
                ? preferences.FavouriteCategory
                : random.NextInt(RetailVocabulary.Categories.Count);
        return ProductCatalog.IndexOf(category, tier, origin, random.NextInt(ProductCatalog.PerCell));
    }

    private static int FindProduct(List<SimulatedLine> lines, int first, int product)
    {
        for (var i = first; i < lines.Count; i++)
        {
            if (lines[i].Product == product)
                return i;
        }
        return -1;
    }

    private void DrawLineFault(SeededRandom random, ref SimulatedLine line)
    {
        var u = random.NextDouble();
        var kind = 0;
        while (kind < faultThresholds.Length && u >= faultThresholds[kind])
            kind++;
        switch (kind)
        {
            case 0:
                line.Fault = LineFault.Returned;
                break;
            case 1:
                line.Fault = LineFault.Duplicate;
                break;
            case 2:
                line.Fault = LineFault.NonPositivePrice;
                line.Variant = (byte)random.NextInt(3);
                break;
            case 3:
                line.Fault = LineFault.Outlier;
                line.Quantity = 1;
                break;
            case 4:
                var v = random.NextInt(6);
                line.Fault = (LineFault)((int)LineFault.MalformedFieldCount + v / 2);
                line.Variant = (byte)(v % 2);
                break;
        }
    }

    /// <summary>Adds one C order per sales order with returned lines, 1–30 days later and within the window.</summary>
    private void AddReturns(SeededRandom random, SimulatedCustomer customer)
    {
        var windowEnd = windowStart.AddDays(windowDays);
        var salesOrders = customer.Orders.Count;
        for (var o = 0; o < salesOrders; o++)
        {
            var order = customer.Orders[o];
            var lines = CollectionsMarshal.AsSpan(customer.Lines).Slice(order.FirstLine, order.LineCount);
            var anyReturned = false;
            foreach (var line in lines)
                anyReturned |= line.Fault == LineFault.Returned;
            if (!anyReturned)
                continue;

            var returned = order
                .Timestamp.Date.AddDays(random.NextInt(1, 31))
                .AddSeconds(random.NextInt(9 * 3600, 22 * 3600));
            if (returned >= windowEnd)
                returned = order.Timestamp.AddSeconds((long)(windowEnd - order.Timestamp).TotalSeconds / 2);
            if (returned <= order.Timestamp)
            {
                // Bought in the window's last second: no room for a return.
                foreach (ref var line in lines)
                {
                    if (line.Fault == LineFault.Returned)
                        line.Fault = LineFault.None;
                }
                continue;
            }

            var first = customer.Lines.Count;
            for (var i = order.FirstLine; i < order.FirstLine + order.LineCount; i++)
            {
                var line = customer.Lines[i];
                if (line.Fault != LineFault.Returned)
                    continue;
                customer.Lines.Add(
                    new SimulatedLine
                    {
                        Product = line.Product,
                        Quantity = -(1 + random.NextInt(line.Quantity)),
                        UnitPriceCents = line.UnitPriceCents,
                    }
                );
            }
            customer.Orders.Add(
                order with
                {
                    Timestamp = returned,
                    Return = true,
                    FirstLine = first,
                    LineCount = customer.Lines.Count - first,
                }
            );
        }
    }

    private static void OrderEmission(SimulatedCustomer customer)
    {
        var orders = customer.Orders;
        for (var i = 0; i < orders.Count; i++)
            customer.Emission.Add(i);
        customer.Emission.Sort(
            (a, b) =>
            {
                var byTime = orders[a].Timestamp.CompareTo(orders[b].Timestamp);
                return byTime != 0 ? byTime : a.CompareTo(b);
            }
        );
    }

    private readonly record struct Preferences(
        double Online,
        double Premium,
        double BudgetOfRest,
        double International,
        int FavouriteCategory,
        int MinLines,
        double ExtraLines,
        double ExtraQuantity,
        double IntervalDays
    );
}
