using DuckDB.NET.Data;
using Microsoft.Data.Analysis;

namespace Segmentation.Notebooks.Sql;

/// <summary>
/// The session's SQL engine: a DuckDB connection that <c>#!sql</c> cells run on and that C# cells
/// reach as <c>Sql</c>: <c>Sql.Register("features", rows)</c> makes data queryable by name,
/// <c>Sql.Query("select …")</c> returns a DataFrame.
/// </summary>
public sealed class SqlContext : IDisposable
{
    private readonly string databasePath;
    private DuckDBConnection? owned;
    private DuckDBConnection? borrowed;

    /// <summary>Creates the context; the database opens on first use.</summary>
    /// <param name="databasePath">A DuckDB file, or <c>:memory:</c>.</param>
    public SqlContext(string databasePath = ":memory:")
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        this.databasePath = databasePath;
    }

    /// <summary>The connection queries run on (the session's own, or the one given to <see cref="Use"/>).</summary>
    public DuckDBConnection Connection => borrowed ?? Owned();

    /// <summary>Runs SQL on another connection from now on (e.g. a <c>TransactionStore</c>'s); the caller keeps
    /// ownership.</summary>
    public void Use(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        borrowed = connection;
    }

    /// <summary>Runs a query and returns its result as a DataFrame (empty for statements without a result).</summary>
    public DataFrame Query(string sql) => Query(sql, new Dictionary<string, object?>());

    /// <summary>
    /// Runs a query with named parameters: each <c>$name</c> in the text whose name is a key gets that value
    /// (values shared into SQL with <c>#!share</c> or <c>#!set</c>).
    /// </summary>
    public DataFrame Query(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (
                System.Text.RegularExpressions.Regex.IsMatch(
                    sql,
                    "\\$" + System.Text.RegularExpressions.Regex.Escape(name) + "\\b"
                )
            )
                command.Parameters.Add(
                    new DuckDBParameter(name, value is Execution.PasswordString p ? p.GetClearTextPassword() : value)
                );
        }
        using var reader = command.ExecuteReader();
        return DataFrameReader.Read(reader);
    }

    /// <summary>Runs a statement and returns the number of rows it changed.</summary>
    public int Execute(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Creates (or replaces) table <paramref name="name"/> with the rows of a DataFrame.</summary>
    public void Register(string name, DataFrame frame)
    {
        TableWriter.CheckName(name);
        ArgumentNullException.ThrowIfNull(frame);
        TableWriter.Write(Connection, name, frame);
    }

    /// <summary>Creates (or replaces) table <paramref name="name"/> with one row per record and one column per public
    /// property.</summary>
    public void Register<T>(string name, IEnumerable<T> rows)
    {
        TableWriter.CheckName(name);
        ArgumentNullException.ThrowIfNull(rows);
        TableWriter.Write(Connection, name, rows);
    }

    /// <summary>Closes the session's own connection (a connection given to <see cref="Use"/> stays open).</summary>
    public void Dispose()
    {
        owned?.Dispose();
        owned = null;
    }

    private DuckDBConnection Owned()
    {
        if (owned is null)
        {
            var connection = new DuckDBConnection("DataSource=" + databasePath);
            connection.Open();
            owned = connection;
        }
        return owned;
    }
}
