using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Segmentation.Data;

namespace Segmentation.Privacy;

/// <summary>
/// Replaces customer identifiers with a keyed hash (HMAC-SHA256, first 64 bits as hex, prefixed
/// <c>p_</c>). The same key gives the same pseudonym in every run; without the key the mapping
/// cannot be recomputed or reversed.
/// </summary>
public sealed class Pseudonymizer
{
    /// <summary>Prefix of every pseudonym (so pseudonymised data is recognisable).</summary>
    public const string Prefix = "p_";

    /// <summary>
    /// What the quarantine's raw text becomes in a pseudonymised store: a quarantined line may hold the identifier (or
    /// a personal field) anywhere in its text, so the text is withheld; the file and line number still locate it.
    /// </summary>
    public const string WithheldRaw =
        "(withheld: identifiers are pseudonymised; see the line number in the input file)";

    private readonly byte[] key;

    /// <summary>Creates a pseudonymiser with the given key.</summary>
    public Pseudonymizer(PseudonymizationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.key = key.ToArray();
    }

    /// <summary>The pseudonym of one identifier.</summary>
    public string Pseudonymize(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identifier), hash);
        return Prefix + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>
    /// Pseudonymises <c>customer_id</c> in the store's clean, returns and customers tables (in place;
    /// the mapping is computed once per distinct identifier), and in the quarantine: a customer id reported as the
    /// value at fault is pseudonymised and the raw text of every quarantined line is replaced by
    /// <see cref="WithheldRaw"/>. Returns the number of distinct identifiers in the clean, returns and customers
    /// tables.
    /// </summary>
    public long Apply(TransactionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tables = new List<string> { TransactionStore.CleanTable, TransactionStore.ReturnsTable };
        if (TableExists(store, TransactionStore.CustomersTable))
            tables.Add(TransactionStore.CustomersTable);

        var distinct = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
            ReadDistinct(
                store,
                $"SELECT DISTINCT {TransactionColumns.CustomerId} FROM {table} WHERE "
                    + $"{TransactionColumns.CustomerId} IS NOT NULL",
                distinct
            );
        Replace(
            store,
            distinct,
            tables.Select(table =>
                $"UPDATE {table} SET {TransactionColumns.CustomerId} = m.pseudonym FROM pseudonym_map m "
                + $"WHERE {table}.{TransactionColumns.CustomerId} = m.original"
            )
        );

        if (TableExists(store, TransactionStore.QuarantineTable))
        {
            const string quarantine = TransactionStore.QuarantineTable;
            const string isCustomerId = $"column_name = '{TransactionColumns.CustomerId}'";
            var values = new SortedSet<string>(StringComparer.Ordinal);
            ReadDistinct(
                store,
                $"SELECT DISTINCT \"value\" FROM {quarantine} WHERE {isCustomerId} AND \"value\" IS NOT NULL",
                values
            );
            Replace(
                store,
                values,
                [
                    $"UPDATE {quarantine} SET \"value\" = m.pseudonym FROM pseudonym_map m WHERE "
                        + $"{quarantine}.{isCustomerId} AND {quarantine}.\"value\" = m.original",
                ]
            );
            store.Execute($"UPDATE {quarantine} SET raw = '{WithheldRaw}' WHERE raw IS NOT NULL");
        }
        return distinct.Count;
    }

    private static void ReadDistinct(TransactionStore store, string sql, ISet<string> into)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            into.Add(reader.GetString(0));
    }

    /// <summary>Fills a temporary pseudonym_map (original, pseudonym) with <paramref name="originals"/> and runs the
    /// updates that join it.</summary>
    private void Replace(TransactionStore store, IEnumerable<string> originals, IEnumerable<string> updates)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE pseudonym_map (original VARCHAR, pseudonym VARCHAR)");
        using (var appender = store.Connection.CreateAppender("pseudonym_map"))
        {
            foreach (var original in originals)
                appender.CreateRow().AppendValue(original).AppendValue(Pseudonymize(original)).EndRow();
        }
        foreach (var update in updates)
            store.Execute(update);
        store.Execute("DROP TABLE pseudonym_map");
    }

    private static bool TableExists(TransactionStore store, string table)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
