using System.Net;
using System.Net.Sockets;
using System.Text;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Warehouse;

/// <summary>
/// Runs SQL on a ClickHouse server through its HTTP interface, results in the <c>TabSeparated</c> format. The official
/// .NET client (ClickHouse.Driver 1.5.0) does not work with Debian's server 18.16.1: every query fails with
/// <c>Code: 115, Unknown setting output_format_binary_write_json_as_string</c> (a setting the driver always sends), and
/// the driver reads <c>RowBinaryWithNamesAndTypes</c>, which 18.16 does not know (<c>Code: 73, Unknown format</c>).
/// Plain HTTP with text formats works with every server version. Faults are one line naming the server and what failed.
/// </summary>
public sealed class ClickHouseEngine : ISqlEngine, IDisposable
{
    private readonly HttpClient http;

    /// <summary>A client for <paramref name="endpoint"/>; <paramref name="timeout"/> bounds every query (default 30
    /// minutes).</summary>
    public ClickHouseEngine(ClickHouseEndpoint endpoint, TimeSpan? timeout = null)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = timeout ?? TimeSpan.FromMinutes(30),
        };
    }

    /// <summary>The server.</summary>
    public ClickHouseEndpoint Endpoint { get; }

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.ClickHouse;

    /// <summary>Runs a statement that returns no rows (DDL, INSERT … SELECT).</summary>
    public void Execute(string sql) => Send(sql, null, _ => { });

    /// <summary>Inserts rows (text values, null for NULL) into <paramref name="table"/>'s
    /// <paramref name="columns"/>.</summary>
    public void Insert(string table, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var body = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0)
                    body.Append('\t');
                Escape(body, row[i]);
            }
            body.Append('\n');
        }
        var query =
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(Dialect.Identifier))}) FORMAT TabSeparated";
        Send(query, body.ToString(), _ => { });
    }

    /// <inheritdoc />
    public void ForEachRow(string sql, Action<SqlRow> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var row = new TextRow();
        Send(sql + "\nFORMAT TabSeparated", null, reader =>
        {
            while (reader.ReadLine() is { } line)
            {
                row.Values = line.Split('\t').Select(Unescape).ToArray();
                read(row);
            }
        });
    }

    /// <summary>The rows of a query as text (null for NULL).</summary>
    public List<string?[]> Rows(string sql)
    {
        var rows = new List<string?[]>();
        ForEachRow(sql, r => rows.Add([.. ((TextRow)r).Values]));
        return rows;
    }

    private void Send(string query, string? data, Action<TextReader> read)
    {
        var address = new UriBuilder(Endpoint.BaseAddress)
        {
            Query =
                $"database={Uri.EscapeDataString(Endpoint.Database)}&user={Uri.EscapeDataString(Endpoint.User)}"
                + $"&password={Uri.EscapeDataString(Endpoint.Password)}"
                +
                // Inserts through a Distributed table reach the shards before the statement returns.
                (data is null ? "" : $"&insert_distributed_sync=1&query={Uri.EscapeDataString(query)}"),
        }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new StringContent(data ?? query, new UTF8Encoding(false)),
        };
        HttpResponseMessage response;
        try
        {
            response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException socket ? socket.Message : e.Message;
            throw new SegmentationException($"ClickHouse at {Endpoint.BaseAddress} did not answer: {why}");
        }
        catch (TaskCanceledException)
        {
            throw new SegmentationException(
                $"ClickHouse at {Endpoint.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s"
            );
        }
        using (response)
        {
            using var stream = response.Content.ReadAsStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            if (response.StatusCode != HttpStatusCode.OK)
                throw ServerError(reader.ReadToEnd());
            read(reader);
        }
    }

    /// <summary>The server's error as one line: its code and the exception text, without the stack or the repeated
    /// what().</summary>
    private SegmentationException ServerError(string body)
    {
        var text = body.Trim();
        var end = text.IndexOf(", e.what()", StringComparison.Ordinal);
        if (end > 0)
            text = text[..end];
        text = text.Replace("e.displayText() = DB::Exception: ", "", StringComparison.Ordinal).ReplaceLineEndings(" ");
        return new ClickHouseServerException(
            $"ClickHouse at {Endpoint.BaseAddress}: {text}",
            body,
            Endpoint.BaseAddress
        );
    }

    private static void Escape(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("\\N");
            return;
        }
        foreach (var c in value)
        {
            text.Append(
                c switch
                {
                    '\\' => "\\\\",
                    '\t' => "\\t",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\0' => "\\0",
                    _ => null,
                } ?? c.ToString()
            );
        }
    }

    private static string? Unescape(string field)
    {
        if (field == "\\N")
            return null;
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                text.Append(field[i]);
                continue;
            }
            var next = field[++i];
            text.Append(
                next switch
                {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    '0' => '\0',
                    _ => next,
                }
            );
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}

/// <summary>The server refused a statement; <see cref="Body"/> keeps its full answer, the message its first
/// line.</summary>
public sealed class ClickHouseServerException(string message, string body, Uri server) : SegmentationException(message)
{
    /// <summary>The server that refused the statement.</summary>
    public Uri Server { get; } = server;

    /// <summary>The server's full answer.</summary>
    public string Body { get; } = body;

    /// <summary>ClickHouse's error code (60: unknown table, 47: unknown identifier, …), or 0.</summary>
    public int Code
    {
        get
        {
            const string prefix = "Code: ";
            var at = Body.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0)
                return 0;
            var digits = new string(Body[(at + prefix.Length)..].TakeWhile(char.IsAsciiDigit).ToArray());
            return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
        }
    }
}
