using System.Globalization;

namespace Segmentation.Data.Warehouse;

/// <summary>
/// Where a ClickHouse server answers over HTTP, parsed from <c>--connection</c>:
/// <c>http://host:8123/?database=NAME&amp;user=U&amp;password=P</c> (also <c>https://</c>) or
/// <c>clickhouse://[user[:password]@]host[:port][/database]</c> (port 8123 by default). The password never appears in
/// <see cref="ToString"/> or in error messages.
/// </summary>
public sealed record ClickHouseEndpoint(Uri BaseAddress, string Database, string User, string Password)
{
    /// <summary>What a connection string looks like, for error messages.</summary>
    public const string Expected =
        "expected http://HOST:8123/?database=NAME[&user=U&password=P] or "
        + "clickhouse://[USER[:PASSWORD]@]HOST[:8123][/DATABASE]";

    /// <summary>Parses a connection URI; throws <see cref="OptionsException"/> with one line naming the
    /// fault.</summary>
    public static ClickHouseEndpoint Parse(string connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
            throw new OptionsException($"--connection is empty; {Expected}");
        if (!Uri.TryCreate(connection.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new OptionsException($"--connection '{Redacted(connection)}' is not a URI; {Expected}");
        var query = uri
            .Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(
                p => Uri.UnescapeDataString(p[0]),
                p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "",
                StringComparer.Ordinal
            );
        var unknown = query.Keys.Where(k => k is not ("database" or "user" or "password")).ToList();
        if (unknown.Count > 0)
            throw new OptionsException(
                $"--connection '{Redacted(connection)}': unknown parameter '{unknown[0]}'; {Expected}"
            );
        string user = "default",
            password = "",
            database = "default";
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        user = query.GetValueOrDefault("user", user);
        password = query.GetValueOrDefault("password", password);
        var path = uri.AbsolutePath.Trim('/');
        switch (uri.Scheme)
        {
            case "http" or "https":
                if (path.Length > 0)
                    throw new OptionsException(
                        $"--connection '{Redacted(connection)}': give the database as ?database=NAME, not "
                            + $"as a path; {Expected}"
                    );
                database = query.GetValueOrDefault("database", database);
                break;
            case "clickhouse":
                if (path.Contains('/', StringComparison.Ordinal))
                    throw new OptionsException(
                        $"--connection '{Redacted(connection)}': the path must be one database name; {Expected}"
                    );
                if (path.Length > 0)
                    database = Uri.UnescapeDataString(path);
                database = query.GetValueOrDefault("database", database);
                break;
            default:
                throw new OptionsException(
                    $"--connection '{Redacted(connection)}': scheme '{uri.Scheme}' is not http, https or "
                        + $"clickhouse; {Expected}"
                );
        }
        var port = uri.IsDefaultPort && uri.Scheme == "clickhouse" || uri.Port < 0 ? 8123 : uri.Port;
        var scheme = uri.Scheme == "https" ? "https" : "http";
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{uri.Host}:{port}/"));
        return new ClickHouseEndpoint(address, database, user, password);
    }

    /// <summary>
    /// Parses <c>--connection</c> as one URI, or as several separated by commas when every piece starts with a scheme
    /// (<c>http://…,http://…</c>: the shards of a table sharded by customer id); a comma inside one URI (in a password)
    /// keeps it whole.
    /// </summary>
    public static IReadOnlyList<ClickHouseEndpoint> ParseList(string connection) =>
        Pieces(connection ?? "").Select(Parse).ToList();

    private static string[] Pieces(string connection)
    {
        var pieces = connection.Split(',');
        return pieces.Length > 1 && pieces.All(p => p.Trim().Contains("://", StringComparison.Ordinal))
            ? pieces
            : [connection];
    }

    /// <summary>The server and database, without credentials.</summary>
    public override string ToString() => $"{BaseAddress}?database={Database}";

    /// <summary>The connection string with any password replaced by <c>***</c> (for messages and run
    /// records).</summary>
    public static string Redacted(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var pieces = Pieces(connection);
        return pieces.Length > 1 ? string.Join(",", pieces.Select(RedactedOne)) : RedactedOne(connection);
    }

    private static string RedactedOne(string connection)
    {
        var text = connection.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (at > 0 && scheme >= 0 && at > scheme)
        {
            var colon = text.IndexOf(':', scheme + 3);
            if (colon > 0 && colon < at)
                text = text[..(colon + 1)] + "***" + text[at..];
        }
        var password = text.IndexOf("password=", StringComparison.Ordinal);
        if (password >= 0)
        {
            var end = text.IndexOf('&', password);
            text = text[..(password + "password=".Length)] + "***" + (end < 0 ? "" : text[end..]);
        }
        return text;
    }
}
