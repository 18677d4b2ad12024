using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Features;

/// <summary>
/// RFM accumulated line by line from a streamed load (<see cref="StreamingTransactionLoader"/>): the same values as
/// <see cref="Rfm.FromStore"/> over the same clean lines — lines dated on or before the as-of date, recency in days
/// from the date of the last purchase, frequency as distinct orders, monetary as the exact sum of quantity × unit
/// price.
/// </summary>
public sealed class RfmAccumulator : ICleanLineSink
{
    private const int CustomerBits = 22;
    private const int OrderBits = 41;
    private readonly DateOnly? asOf;
    private readonly long? cutoffTicks;
    private readonly Dictionary<string, int> customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> customerLookup;
    private readonly Dictionary<string, long> textOrders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> textOrderLookup;
    private readonly List<long> packedOrders = [];
    private readonly HashSet<(int Customer, long Order)> otherOrders = [];
    private readonly List<string> ids = [];
    private long[] lastTicks = new long[1024];
    private decimal[] monetary = new decimal[1024];
    private long maxTicks = -1;
    private int lastCustomer = -1;
    private char[] lastCustomerId = new char[64];
    private int lastCustomerLength;
    private int lastOrderCustomer = -1;
    private char[] lastOrderId = new char[64];
    private int lastOrderLength;

    /// <summary>An empty accumulator; lines after <paramref name="asOf"/> are ignored (null: the day after the last
    /// line).</summary>
    public RfmAccumulator(DateOnly? asOf = null)
    {
        this.asOf = asOf;
        cutoffTicks = asOf?.AddDays(1).ToDateTime(TimeOnly.MinValue).Ticks;
        customerLookup = customers.GetAlternateLookup<ReadOnlySpan<char>>();
        textOrderLookup = textOrders.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <inheritdoc />
    public void Add(
        ReadOnlySpan<char> customerId,
        ReadOnlySpan<char> orderId,
        DateTime timestamp,
        decimal quantity,
        decimal unitPrice
    )
    {
        var ticks = timestamp.Ticks;
        if (ticks >= cutoffTicks)
            return;
        int customer;
        if (lastCustomer >= 0 && customerId.SequenceEqual(lastCustomerId.AsSpan(0, lastCustomerLength)))
            customer = lastCustomer;
        else
        {
            if (!customerLookup.TryGetValue(customerId, out customer))
            {
                var id = customerId.ToString();
                customer = ids.Count;
                customers.Add(id, customer);
                ids.Add(id);
                if (customer == lastTicks.Length)
                {
                    Array.Resize(ref lastTicks, customer * 2);
                    Array.Resize(ref monetary, customer * 2);
                }
                lastTicks[customer] = -1;
            }
            lastCustomer = customer;
            lastCustomerLength = Remember(customerId, ref lastCustomerId);
        }
        // Lines of one order usually follow each other: an order is noted when it differs from the previous line's.
        if (customer != lastOrderCustomer || !orderId.SequenceEqual(lastOrderId.AsSpan(0, lastOrderLength)))
        {
            var order = OrderKey(orderId);
            if (customer < 1 << CustomerBits && order < 1L << OrderBits)
                packedOrders.Add(((long)customer << OrderBits) | order);
            else
                otherOrders.Add((customer, order));
            lastOrderCustomer = customer;
            lastOrderLength = Remember(orderId, ref lastOrderId);
        }
        if (ticks > lastTicks[customer])
            lastTicks[customer] = ticks;
        if (ticks > maxTicks)
            maxTicks = ticks;
        monetary[customer] += quantity * unitPrice;
    }

    /// <summary>True when no clean line dated on or before the as-of date was added.</summary>
    public bool IsEmpty => ids.Count == 0;

    /// <summary>The RFM table of the lines added, sorted by customer id (ordinal).</summary>
    public RfmTable ToTable()
    {
        if (ids.Count == 0)
        {
            if (asOf is { } date)
                throw FeatureQueries.NoCustomers(date);
            throw new SegmentationException(
                "the clean table is empty: no customer to compute features for (load and clean a transaction log first)"
            );
        }
        var frequency = new int[ids.Count];
        var packed = packedOrders.ToArray();
        Array.Sort(packed);
        for (var i = 0; i < packed.Length; i++)
        {
            if (i == 0 || packed[i] != packed[i - 1])
                frequency[packed[i] >> OrderBits]++;
        }
        foreach (var (customer, _) in otherOrders)
            frequency[customer]++;

        var day = asOf ?? DateOnly.FromDateTime(new DateTime(maxTicks)).AddDays(1);
        var rows = new List<CustomerRfm>(ids.Count);
        for (var c = 0; c < ids.Count; c++)
            rows.Add(
                new CustomerRfm(
                    ids[c],
                    day.DayNumber - DateOnly.FromDateTime(new DateTime(lastTicks[c])).DayNumber,
                    frequency[c],
                    monetary[c]
                )
            );
        rows.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return new RfmTable(day, rows);
    }

    /// <summary>
    /// A number standing for the order id: the id itself when it is a plain decimal number without leading zeros below
    /// 2^40 (no text kept), else 2^40 + its index among the other ids seen. Equal ids, equal numbers; different,
    /// different.
    /// </summary>
    private long OrderKey(ReadOnlySpan<char> orderId)
    {
        const long textFlag = 1L << (OrderBits - 1);
        if (orderId.Length is > 0 and <= 12 && (orderId[0] != '0' || orderId.Length == 1))
        {
            long value = 0;
            var digits = true;
            foreach (var c in orderId)
            {
                if (c is < '0' or > '9')
                {
                    digits = false;
                    break;
                }
                value = value * 10 + (c - '0');
            }
            if (digits && value < textFlag)
                return value;
        }
        if (!textOrderLookup.TryGetValue(orderId, out var index))
        {
            index = textFlag + textOrders.Count;
            textOrders.Add(orderId.ToString(), index);
        }
        return index;
    }

    private static int Remember(ReadOnlySpan<char> value, ref char[] target)
    {
        if (target.Length < value.Length)
            target = new char[value.Length * 2];
        value.CopyTo(target);
        return value.Length;
    }
}

/// <summary>
/// What <see cref="RfmStream.Load(TransactionStore, string, ColumnMapping?, CleaningOptions?, DateOnly?)"/> did: the
/// cleaning accounting, the RFM table, and why the file was not streamed (null when it was).
/// </summary>
/// <param name="Cleaning">Accounting and quality report of the load.</param>
/// <param name="Rfm">RFM of every customer with a clean line on or before the as-of date; null when there is no such
/// line (every row quarantined or a return, or all dated after the as-of date): the cleaning accounting still
/// holds.</param>
/// <param name="NotStreamedBecause">Why the full load ran instead of the streamed one; null when streamed.</param>
public sealed record RfmLoad(CleaningResult Cleaning, RfmTable? Rfm, string? NotStreamedBecause);

/// <summary>Load, clean and RFM of a transaction log in one pass when the file allows it (what <c>seg rfm</c>
/// runs).</summary>
public static class RfmStream
{
    /// <summary>
    /// Streams <paramref name="path"/> through <see cref="StreamingTransactionLoader"/> into an
    /// <see cref="RfmAccumulator"/>; when the file cannot be streamed exactly, loads it with
    /// <see cref="TransactionLoader"/> and computes <see cref="Rfm.FromStore"/> instead. Both give the same RFM values
    /// and the same quarantine.
    /// </summary>
    public static RfmLoad Load(
        TransactionStore store,
        string path,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null,
        DateOnly? asOf = null
    ) => Load(store, path, mapping, options, asOf, new StreamSettings());

    /// <summary>
    /// <see cref="Load(TransactionStore, string, ColumnMapping?, CleaningOptions?, DateOnly?)"/> with other worker
    /// counts and block sizes (tests and benchmarks; the outcome is the same).
    /// </summary>
    internal static RfmLoad Load(
        TransactionStore store,
        string path,
        ColumnMapping? mapping,
        CleaningOptions? options,
        DateOnly? asOf,
        StreamSettings settings
    )
    {
        var accumulator = new RfmAccumulator(asOf);
        var streamed = StreamingTransactionLoader.TryLoad(store, path, accumulator, mapping, options, settings);
        if (streamed.Result is { } result)
            return new RfmLoad(result, accumulator.IsEmpty ? null : accumulator.ToTable(), null);
        var cleaning = TransactionLoader.Load(store, path, mapping, options);
        return new RfmLoad(
            cleaning,
            FeatureQueries.HasCleanLines(store, asOf) ? Rfm.FromStore(store, asOf) : null,
            streamed.NotStreamedBecause
        );
    }
}
