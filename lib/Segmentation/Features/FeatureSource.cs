using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Data.Warehouse;

namespace Segmentation.Features;

/// <summary>
/// Where the feature queries run: an engine (DuckDB in a <see cref="TransactionStore"/>, or a warehouse), and the SQL
/// relations holding its clean and returned lines in the workspace columns (<see cref="TransactionColumns"/>).
/// </summary>
/// <param name="Engine">The engine that runs the queries (its dialect renders them).</param>
/// <param name="Clean">SQL relation of the clean lines: a table name or a parenthesised subquery with an alias.</param>
/// <param name="Returns">SQL relation of the returned lines.</param>
/// <param name="Name">How messages name the source.</param>
public sealed record FeatureSource(ISqlEngine Engine, string Clean, string Returns, string Name)
{
    /// <summary>The dialect of <see cref="Engine"/>.</summary>
    public SqlDialect Dialect => Engine.Dialect;

    /// <summary>The clean and returns tables of a store.</summary>
    public static FeatureSource Of(TransactionStore store) =>
        new(new DuckDbEngine(store), TransactionStore.CleanTable, TransactionStore.ReturnsTable, "the clean table");

    /// <summary>The clean and returned lines of a warehouse table, as its cleaning rules select them (they stay in the
    /// warehouse).</summary>
    public static FeatureSource Of(WarehouseLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new(
            log.Engine,
            log.CleanRelation,
            log.ReturnsRelation,
            $"the clean lines of ClickHouse table '{log.Table}'"
        );
    }
}
