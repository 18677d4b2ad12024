using System.Globalization;
using System.Text;
using Segmentation.Data;

namespace Segmentation.Tests.Data.Loading;

/// <summary>A fresh temporary directory for one test, deleted afterwards.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seg-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes text exactly as given (no newline translation) and returns the path.</summary>
    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, Encoding.UTF8.GetBytes(content));
        return file;
    }

    public string Write(string name, byte[] content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException) { }
    }
}

/// <summary>Small SQL read-backs used by the loading and cleaning tests.</summary>
public static class StoreQueries
{
    public static List<long> Lines(TransactionStore store, string table, string where = "true") =>
        Longs(store, $"SELECT line_number FROM {table} WHERE {where} ORDER BY line_number");

    public static List<long> Longs(TransactionStore store, string sql)
    {
        var values = new List<long>();
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            values.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        return values;
    }

    public static List<string?[]> Rows(TransactionStore store, string sql)
    {
        var rows = new List<string?[]>();
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }
}
