using System.Text.RegularExpressions;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Tests.Features;

/// <summary>The catalogue's words for people: descriptions, kinds and families in either language.</summary>
public sealed class FeatureCatalogTests
{
    private static readonly Regex Chinese = new("[\u4e00-\u9fff]");

    [Fact]
    public void Every_built_in_feature_is_described_in_both_languages_and_its_description_is_the_english_text()
    {
        Assert.NotEmpty(FeatureCatalog.All);
        foreach (var column in FeatureCatalog.All)
        {
            Assert.Equal(column.Description, column.DescriptionText(Language.English));
            var chinese = column.DescriptionText(Language.Chinese);
            Assert.Matches(Chinese, chinese);
            Assert.NotEqual(column.Description, chinese);
        }
        // feature_columns.csv keeps the English words it wrote before the texts moved to the resources.
        Assert.Equal(
            "days from the last purchase date to the as-of date",
            FeatureCatalog.Find(FeatureCatalog.RecencyDays)!.Description
        );
        Assert.Equal(
            "discounted customer lifetime value over the horizon (BG/NBD x Gamma-Gamma fitted up to the as-of date)",
            FeatureCatalog.Find(FeatureCatalog.Clv)!.Description
        );
    }

    [Fact]
    public void Kinds_families_and_descriptions_read_in_the_flows_language()
    {
        var monetary = FeatureCatalog.Find(FeatureCatalog.Monetary)!;
        var channel = FeatureCatalog.Find(FeatureCatalog.ChannelPreference)!;

        Assert.Equal(("Numeric", "RFM"), (monetary.KindText(), monetary.FamilyText()));
        Assert.Equal(("Categorical", "Preference"), (channel.KindText(), channel.FamilyText()));
        Assert.Equal("sum of quantity × unit price over clean lines", monetary.DescriptionText());
        using (Language.Use(Language.Chinese))
        {
            Assert.Equal(("数值", "RFM"), (monetary.KindText(), monetary.FamilyText()));
            Assert.Equal(("分类", "偏好"), (channel.KindText(), channel.FamilyText()));
            Assert.Equal("干净订单行的数量 × 单价之和", monetary.DescriptionText());
            Assert.Equal("Numeric", monetary.KindText(Language.English));
        }
        foreach (var language in Language.All)
        {
            Assert.All(Enum.GetValues<FeatureKind>(), kind => Assert.NotEmpty(language["FeatureKind_" + kind]));
            Assert.All(Enum.GetValues<FeatureFamily>(), family => Assert.NotEmpty(language["FeatureFamily_" + family]));
        }
    }

    [Fact]
    public void A_column_passed_through_from_the_customer_table_keeps_its_own_description()
    {
        var column = new FeatureColumn(
            "visits_per_month",
            FeatureKind.Numeric,
            FeatureFamily.Attributes,
            "customer table column 'visits'"
        );

        Assert.Equal("customer table column 'visits'", column.DescriptionText(Language.Chinese));
        Assert.Equal("属性", column.FamilyText(Language.Chinese));
    }
}
