using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Workflow;

/// <summary>Writes every file of <c>seg segment</c> into one folder.</summary>
public static class SegmentOutputs
{
    /// <summary>Segment assignments file name (customer_id,segment).</summary>
    public const string Assignments = "assignments.csv";

    /// <summary>k-scan file name.</summary>
    public const string KScan = "kscan.json";

    /// <summary>Validation and migration file name.</summary>
    public const string Validation = "validation.json";

    /// <summary>Fitted model file name.</summary>
    public const string Model = "model.json";

    /// <summary>RFM file name.</summary>
    public const string Rfm = "rfm.csv";

    /// <summary>Report file name.</summary>
    public const string Report = "report.html";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes the cleaning outputs (clean.parquet, returns.parquet, quarantine.csv, quality.json/html),
    /// rfm.csv, features.csv/.parquet, tiers.csv, clv_by_channel.csv (with CLV, channel and cost), assignments.csv,
    /// kscan.json, validation.json, model.json, personas.json/.md and report.html.
    /// </summary>
    public static void Write(SegmentWorkflowResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var language = result.Options.Language;
        if (result.Cleaning is { } cleaning)
        {
            CleaningOutputs.Write(result.Store, cleaning, directory, result.CustomerTable, language);
            // The clean lines are written (DuckDB sorted them): the files that follow are written from .NET.
            result.Store.ReleaseCache();
        }
        if (result.Rfm is { } rfm)
            TextFiles.Write(directory, Rfm, w => RfmFiles.WriteCsv(rfm, w));
        if (result.Features is { } features)
        {
            TextFiles.Write(directory, "features.csv", w => FeatureFiles.WriteCsv(features, w));
            FeatureFiles.WriteParquet(features, Path.Combine(directory, "features.parquet"));
            var behaviour = BehaviourTiers.Assign(features);
            var value = CustomerValueTiers.Assign(features);
            TextFiles.Write(directory, "tiers.csv", w => TierFiles.WriteTiersCsv(w, behaviour, value));
            if (features.Clv?.ByChannel is not null)
                TextFiles.Write(directory, FeatureFiles.ClvByChannelFile, w =>
                    FeatureFiles.WriteClvByChannelCsv(features, w)
                );
        }
        TextFiles.Write(directory, Assignments, w =>
        {
            w.Write("customer_id,segment\n");
            foreach (
                var (id, label) in result.CustomerIds.Zip(result.Labels).OrderBy(p => p.First, StringComparer.Ordinal)
            )
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{Csv.Field(id)},{ClusterNames.Of(label)}\n"));
        });
        if (result.Scan is { } scan)
            TextFiles.Write(directory, KScan, scan.ToJson() + "\n");
        TextFiles.Write(directory, Validation, ValidationJson(result));
        TextFiles.Write(directory, Model, result.ModelJson.TrimEnd() + "\n");
        PersonaDocuments.Write(result.Personas, directory, language);
        SegmentReport.Build(ReportInput(result), language).Save(Path.Combine(directory, Report));
    }

    /// <summary>What the report shows of a run.</summary>
    public static SegmentReportInput ReportInput(SegmentWorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SegmentReportInput
        {
            AsOf = result.AsOf,
            Customers = result.CustomerIds.Count,
            CustomersFile = result.Options.Customers,
            Cleaning = result.Cleaning,
            Rfm = result.Rfm,
            Features = result.Features,
            FeatureSelection = result.FeatureSelection,
            Scan = result.Scan,
            Clusters = result.Clusters,
            Method = result.Options.Method == SegmentationMethod.KPrototypes ? "kprototypes" : "kmeans",
            Seed = result.Options.Seed,
            Projection = result.Projection,
            ProjectionVariance = result.ProjectionVariance,
            Labels = ClusterNames.Of(result.Labels),
            Personas = result.Personas,
            Validation = result.Validation,
            Migration = result.Migration,
            ActiveWindowDays = result.Options.ActiveWindowDays,
            MinimumGroupSize = result.Options.MinimumGroupSize,
        };
    }

    /// <summary>validation.json: quality, stability, agreement, differences, holdout and migration.</summary>
    public static string ValidationJson(SegmentWorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = new
        {
            as_of = result.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            clusters = result.Clusters,
            customers = result.CustomerIds.Count,
            features = result.Matrix.Columns,
            skipped_features = result.SkippedFeatures,
            feature_selection = result.FeatureSelection,
            k_choice = result.Scan?.Recommendation,
            result.Validation.Quality,
            result.Validation.Stability,
            result.Validation.Agreement,
            result.Validation.Differences,
            result.Validation.Holdout,
            result.Migration,
        };
        return JsonSerializer.Serialize(document, Json) + "\n";
    }
}
