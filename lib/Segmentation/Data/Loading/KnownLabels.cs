using DuckDB.NET.Data;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>
/// Known segments of customers to compare a segmentation with (a planted truth, last year's segments, a CRM's tiers):
/// a CSV file with a header and the columns <c>customer_id,segment</c> (others ignored). Rows with an empty id or
/// segment are skipped; a customer listed twice keeps its last segment.
/// </summary>
public static class KnownLabels
{
    /// <summary>Reads the file into customer id → known segment.</summary>
    /// <exception cref="SegmentationException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a CSV with those two columns.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new SegmentationException($"{path}: labels file not found");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT customer_id, segment FROM read_csv({SqlText.Literal(path)}, header = true, all_varchar = true)";
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
                    labels[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (DuckDBException e)
        {
            throw new DataFormatException(
                path,
                $"cannot read known labels: {e.Message.Split('\n')[0]}",
                expected: "a CSV with columns customer_id,segment"
            );
        }
        return labels;
    }
}
