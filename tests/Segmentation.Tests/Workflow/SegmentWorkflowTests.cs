using System.Text.Json;
using System.Text.RegularExpressions;
using Segmentation.Data;
using Segmentation.Reports;
using Segmentation.Segmenting;
using Segmentation.Testing;
using Segmentation.Workflow;
using static System.FormattableString;

namespace Segmentation.Tests.Workflow;

/// <summary>One run of the whole job on the committed sample, shared by the tests below.</summary>
public sealed class SampleRunFixture : IDisposable
{
    public SampleRunFixture()
    {
        Options = new SegmentWorkflowOptions
        {
            Input = TestPaths.Sample("transactions.csv"),
            Customers = TestPaths.Sample("customers.csv"),
            Truth = TestPaths.Sample("truth.csv"),
            StabilityReplicates = 10,
        };
        Result = SegmentWorkflow.Run(Options);
        Directory = System.IO.Directory.CreateTempSubdirectory("seg-workflow-").FullName;
        SegmentOutputs.Write(Result, Directory);
        PlantedSegments = File.ReadLines(Options.Truth!).Skip(1).Select(l => l.Split(',')[1]).Distinct().Count();
    }

    public SegmentWorkflowOptions Options { get; }
    public SegmentWorkflowResult Result { get; }
    public string Directory { get; }
    public int PlantedSegments { get; }

    public void Dispose()
    {
        Result.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

public sealed class SegmentWorkflowTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public void Automatic_k_recovers_the_planted_segments_with_adjusted_rand_index_of_at_least_0_95()
    {
        Assert.Equal(run.PlantedSegments, run.Result.Clusters);
        Assert.NotNull(run.Result.Scan);
        Assert.Equal(run.Result.Clusters, run.Result.Scan!.Recommendation.K);
        var agreement = run.Result.Validation.Agreement!;
        Assert.True(agreement.AdjustedRandIndex >= 0.95, $"ARI {agreement.AdjustedRandIndex}");
        Assert.Equal(Segmentation.Segmenting.KScanDecision.Majority, run.Result.Scan.Recommendation.Decision);
        Assert.Equal(run.Result.CustomerIds.Count, agreement.Customers);
    }

    [Fact]
    public void Validation_json_and_the_report_give_every_candidate_feature_its_verdict_and_the_evidence_for_k()
    {
        using var validation = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(run.Directory, SegmentOutputs.Validation))
        );
        var selection = validation.RootElement.GetProperty("feature_selection");
        Assert.True(selection.GetProperty("automatic").GetBoolean());
        var diagnostics = selection.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(
            SegmentWorkflowOptions.BehaviourAndValueFeatures,
            diagnostics.Select(d => d.GetProperty("feature").GetString())
        );
        Assert.All(diagnostics, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("reason").GetString())));
        Assert.Equal("majority", validation.RootElement.GetProperty("k_choice").GetProperty("decision").GetString());

        var report = File.ReadAllText(Path.Combine(run.Directory, SegmentOutputs.Report));
        Assert.Contains("Clustering features", report, StringComparison.Ordinal);
        Assert.Contains("prediction strength", report, StringComparison.Ordinal);
        Assert.Contains(Invariant($"Recommended k = {run.Result.Clusters}: "), report, StringComparison.Ordinal);
        foreach (var feature in run.Result.FeatureSelection.Chosen)
            Assert.Contains($"<td>{feature}</td>", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_input_row_is_accounted_for_and_every_customer_gets_one_segment()
    {
        var c = run.Result.Cleaning!;
        Assert.Equal(c.RowsIn, c.Clean + c.Returns + c.Quarantined);
        var assignments = File.ReadAllLines(Path.Combine(run.Directory, SegmentOutputs.Assignments));
        Assert.Equal("customer_id,segment", assignments[0]);
        var ids = assignments.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(run.Result.Features!.Rows.Count, ids.Count);
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        Assert.All(assignments.Skip(1), l => Assert.Matches("^[^,]+,S[1-9][0-9]*$", l));
    }

    [Fact]
    public void Every_documented_output_file_is_written()
    {
        foreach (
            var name in new[]
            {
                "clean.parquet",
                "returns.parquet",
                "quarantine.csv",
                "quality.json",
                "quality.html",
                "rfm.csv",
                "features.csv",
                "features.parquet",
                "tiers.csv",
                "clv_by_channel.csv",
                "assignments.csv",
                "kscan.json",
                "validation.json",
                "model.json",
                "personas.json",
                "personas.md",
                "report.html",
            }
        )
        {
            Assert.True(new FileInfo(Path.Combine(run.Directory, name)).Length > 0, name);
        }
        using var validation = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(run.Directory, SegmentOutputs.Validation))
        );
        foreach (var key in new[] { "quality", "stability", "agreement", "differences", "holdout", "migration" })
            Assert.NotEqual(JsonValueKind.Null, validation.RootElement.GetProperty(key).ValueKind);
        Assert.DoesNotContain(
            run.Result.CustomerIds[0],
            File.ReadAllText(Path.Combine(run.Directory, SegmentOutputs.Model)),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Clv_feeds_the_value_dimension_features_personas_and_report()
    {
        var features = run.Result.Features!;
        Assert.NotNull(features.Clv);
        var header = File.ReadLines(Path.Combine(run.Directory, "features.csv")).First().Split(',');
        Assert.Contains("clv", header);
        Assert.Contains("p_alive", header);
        Assert.Contains("clv_tier", header);
        Assert.Contains("clv_net", header);

        // Every loaded customer with a channel and a cost is counted once, buyers or not.
        using var command = run.Result.Store.Connection.CreateCommand();
        command.CommandText =
            $"SELECT COUNT(*) FROM {Segmentation.Data.TransactionStore.CustomersTable} WHERE "
            + "acquisition_channel IS NOT NULL AND acquisition_cost IS NOT NULL";
        var acquired = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(acquired > features.Rows.Count / 2, $"{acquired} acquired customers");
        var byChannel = File.ReadAllLines(Path.Combine(run.Directory, "clv_by_channel.csv"));
        Assert.Equal(Segmentation.Reports.FeatureFiles.ClvByChannelHeader, byChannel[0]);
        Assert.Equal(
            acquired,
            byChannel.Skip(1).Sum(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))
        );

        var personas = run.Result.Personas;
        Assert.Contains("CLV share / customer share", personas.TierRule, StringComparison.Ordinal);
        Assert.Equal(1.0, personas.Personas.Sum(p => p.ClvShare!.Value), 9);
        var html = File.ReadAllText(Path.Combine(run.Directory, SegmentOutputs.Report));
        Assert.Contains(">Customer lifetime value model</h3>", html, StringComparison.Ordinal);
        Assert.Contains("CLV / CAC", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Holdout_and_migration_carry_real_signal_and_add_up()
    {
        var holdout = run.Result.Validation.Holdout!;
        Assert.InRange(holdout.Revenue.EtaSquared, 0.05, 1.0);
        Assert.InRange(holdout.Churn.EtaSquared, 0.05, 1.0);
        var m = run.Result.Migration!.Matrix;
        var later = m.Counts.Sum(row => row.Sum());
        Assert.Contains("new", m.From);
        Assert.Contains("lapsed", m.To);
        Assert.True(later > 0);
        for (var i = 0; i < m.From.Count; i++)
        {
            if (m.Counts[i].Sum() > 0)
                Assert.Equal(1.0, m.RowShares[i].Sum(), 9);
        }
    }

    [Fact]
    public void Report_and_personas_never_show_a_group_below_the_minimum()
    {
        Assert.All(run.Result.Personas.Personas, p => Assert.True(p.Customers >= run.Options.MinimumGroupSize));
        var html = File.ReadAllText(Path.Combine(run.Directory, SegmentOutputs.Report));
        var table = Regex.Match(html, "<caption>Bootstrap stability.*?</table>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(table);
        Assert.DoesNotContain(run.Result.CustomerIds[0] + "<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_and_seed_give_the_same_bytes_with_the_store_in_memory_or_on_disk_on_one_thread()
    {
        // The fixture's store stays in memory (the sample is far below the 1 GiB default); this one moves to a
        // database file before the first load and runs DuckDB on one thread.
        var onDisk = run.Options with
        {
            Store = new StoreOptions { DiskFromInputBytes = 0, Threads = 1 },
        };
        using var again = SegmentWorkflow.Run(onDisk);
        Assert.False(run.Result.Store.OnDisk);
        Assert.True(again.Store.OnDisk);
        var directory = Directory.CreateTempSubdirectory("seg-workflow-again-").FullName;
        try
        {
            SegmentOutputs.Write(again, directory);
            foreach (
                var name in new[]
                {
                    "assignments.csv",
                    "model.json",
                    "kscan.json",
                    "validation.json",
                    "personas.json",
                    "personas.md",
                    "report.html",
                    "rfm.csv",
                    "features.csv",
                }
            )
                Assert.True(
                    File.ReadAllBytes(Path.Combine(run.Directory, name))
                        .SequenceEqual(File.ReadAllBytes(Path.Combine(directory, name))),
                    name
                );
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

public sealed class SegmentWorkflowOptionTests
{
    [Fact]
    public void K_prototypes_with_a_given_k_segments_mixed_features()
    {
        using var result = SegmentWorkflow.Run(
            new SegmentWorkflowOptions
            {
                Input = TestPaths.Sample("transactions.csv"),
                Truth = TestPaths.Sample("truth.csv"),
                Method = SegmentationMethod.KPrototypes,
                Clusters = 6,
                StabilityReplicates = 0,
            }
        );
        Assert.Null(result.Scan);
        Assert.Equal(6, result.Labels.Distinct().Count());
        Assert.Contains("k-prototypes", result.ModelJson, StringComparison.OrdinalIgnoreCase);
        Assert.True(
            result.Validation.Agreement!.AdjustedRandIndex >= 0.8,
            $"ARI {result.Validation.Agreement.AdjustedRandIndex}"
        );
    }

    [Fact]
    public void K_prototypes_stability_and_holdout_refit_k_prototypes_not_k_means()
    {
        using var result = SegmentWorkflow.Run(
            new SegmentWorkflowOptions
            {
                Input = TestPaths.Sample("transactions.csv"),
                Method = SegmentationMethod.KPrototypes,
                Clusters = 6,
                StabilityReplicates = 2,
            }
        );
        var categorical = KPrototypesModel.FromJson(result.ModelJson).CategoricalColumns;
        var expected = new KPrototypesSegmenter(
            new KPrototypesOptions
            {
                Clusters = 6,
                Seed = 42,
                Restarts = 3,
            },
            CategoricalMatrix.FromTable(result.ProfileTable, categorical)
        ).Fit(result.Matrix);

        Assert.NotEmpty(categorical);
        Assert.Equal(expected.Labels, result.Validation.Stability!.Labels);
        Assert.NotNull(result.Validation.Holdout);
    }

    [Theory]
    [InlineData(1, "clusters=1 must be >= 2")]
    public void Invalid_options_are_refused_with_the_value(int clusters, string message)
    {
        var e = Assert.Throws<OptionsException>(() =>
            SegmentWorkflow.Run(new SegmentWorkflowOptions { Input = "x.csv", Clusters = clusters })
        );
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Kmax_below_kmin_is_refused_with_both_values()
    {
        var e = Assert.Throws<OptionsException>(() =>
            SegmentWorkflow.Run(
                new SegmentWorkflowOptions
                {
                    Input = "x.csv",
                    KMin = 5,
                    KMax = 3,
                }
            )
        );
        Assert.Equal("kMax=3 must be >= kMin=5", e.Message);
    }
}
