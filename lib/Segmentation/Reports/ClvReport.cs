using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Value;

namespace Segmentation.Reports;

/// <summary>Writes a CLV run's results: <c>clv.csv</c> (one row per customer) and <c>clv_model.json</c> (the fitted
/// models).</summary>
public static class ClvReport
{
    /// <summary>File name of the per-customer table.</summary>
    public const string CustomersFileName = "clv.csv";

    /// <summary>File name of the model document.</summary>
    public const string ModelFileName = "clv_model.json";

    /// <summary>Header of <see cref="CustomersFileName"/>.</summary>
    public const string CsvHeader = "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,clv";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes both files into <paramref name="directory"/> (created if missing) and returns their
    /// paths.</summary>
    public static IReadOnlyList<string> Write(string directory, ClvResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        return
        [
            TextFiles.Write(directory, CustomersFileName, Csv(result.Customers)),
            TextFiles.Write(directory, ModelFileName, ModelJson(result)),
        ];
    }

    /// <summary>
    /// The per-customer table: header <see cref="CsvHeader"/>, rows sorted by customer id (ordinal), invariant culture,
    /// six decimals, "\n" line ends. expected_purchases is over the CLV horizon.
    /// </summary>
    public static string Csv(IReadOnlyList<CustomerValue> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var c in customers.OrderBy(c => c.CustomerId, StringComparer.Ordinal))
        {
            text.AppendJoin(
                    ',',
                    Common.Csv.Field(c.CustomerId),
                    c.Frequency.ToString(CultureInfo.InvariantCulture),
                    Fixed(c.Recency),
                    Fixed(c.T),
                    Fixed(c.Monetary),
                    Fixed(c.ProbabilityAlive),
                    Fixed(c.ExpectedPurchases),
                    Fixed(c.Clv)
                )
                .Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The model document: settings, both models' parameters (named as in the literature), standard errors and
    /// log-likelihoods.</summary>
    public static string ModelJson(ClvResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = new ModelDocument(
            result.Unit,
            result.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.Months,
            result.MonthlyDiscountRate,
            result.Customers.Count,
            result.PurchaseModel,
            result.SpendModel,
            "standard errors of the natural parameters by the delta method from the numerical Hessian of "
                + "the negative log-likelihood in log-parameters"
        );
        return JsonSerializer.Serialize(document, JsonOptions) + "\n";
    }

    private sealed record ModelDocument(
        [property: JsonPropertyName("unit")] TimeUnit Unit,
        [property: JsonPropertyName("calibration_end")] string CalibrationEnd,
        [property: JsonPropertyName("months")] int Months,
        [property: JsonPropertyName("monthly_discount_rate")] double MonthlyDiscountRate,
        [property: JsonPropertyName("customers")] int Customers,
        [property: JsonPropertyName("bg_nbd")] BgNbdModel PurchaseModel,
        [property: JsonPropertyName("gamma_gamma")] GammaGammaModel SpendModel,
        [property: JsonPropertyName("standard_errors_method")] string StandardErrorsMethod
    );

    private static string Fixed(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
