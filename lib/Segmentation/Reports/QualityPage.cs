using Segmentation.Common.Text;
using Segmentation.Data.Cleaning;

namespace Segmentation.Reports;

/// <summary>
/// quality.html: the data-quality reports of a load (transactions, customers) as one self-contained page in the
/// reader's language (no scripts, no external resources), built with the workspace's one page builder. Data returns the
/// <see cref="QualityReport"/> figures; the words are here.
/// </summary>
public static class QualityPage
{
    /// <summary>The page for <paramref name="reports"/>.</summary>
    public static HtmlPage Build(IReadOnlyList<QualityReport> reports, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var t = language ?? Language.English;
        var page = new HtmlPage(t["Quality_Title"], t);
        for (var n = 0; n < reports.Count; n++)
        {
            var r = reports[n];
            page.Section(
                r.Kind + "-" + (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (t.Find("Kind_" + r.Kind) ?? r.Kind) + ": " + r.File
            );
            page.Paragraph(t.Format("Quality_Mapping", r.Mapping));
            page.Table(
                [
                    t["Col_PhysicalLines"],
                    t["Col_BlankLines"],
                    t["Col_RowsIn"],
                    t["Col_Kept"],
                    t["Col_Returns"],
                    t["Col_Quarantined"],
                    t["Col_Balance"],
                ],
                [
                    [
                        t.Count(r.PhysicalLines),
                        t.Count(r.BlankLines),
                        t.Count(r.RowsIn),
                        t.Count(r.Kept),
                        t.Count(r.Returns),
                        t.Count(r.Quarantined),
                        t[r.Balanced ? "Quality_Holds" : "Quality_Fails"],
                    ],
                ]
            );
            page.Table(
                ["#", t["Col_Rule"], t["Col_Destination"], t["Col_Rows"], t["Col_ShareOfRows"], t["Col_WhatItTests"]],
                r.Rules.Select(
                    (rule, i) =>
                        (IReadOnlyList<string>)
                            [
                                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                                rule.Rule,
                                Destination(rule.Destination, t),
                                t.Count(rule.Rows),
                                r.RowsIn == 0 ? "" : t.Percent((double)rule.Rows / r.RowsIn, 2),
                                RuleText(rule, t),
                            ]
                ),
                t["Quality_RulesInOrder"]
            );
            if (r.Columns.Count == 0)
                continue;
            page.Table(
                [
                    t["Col_Column"],
                    t["Col_SourceColumn"],
                    t["Col_Type"],
                    t["Col_Missing"],
                    t["Col_Unreadable"],
                    t["Col_Distinct"],
                    t["Col_Min"],
                    t["Col_Max"],
                ],
                r.Columns.Select(c =>
                    (IReadOnlyList<string>)
                        [
                            c.Column,
                            c.SourceColumn ?? t["Quality_Absent"],
                            c.Type,
                            t.Percent(c.MissingShare),
                            t.Count(c.Invalid),
                            t.Count(c.Distinct),
                            c.Min ?? "",
                            c.Max ?? "",
                        ]
                ),
                t["Quality_Columns"]
            );
        }
        return page;
    }

    /// <summary>Where a rule sends rows, in words.</summary>
    public static string Destination(string destination, Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.Find("Destination_" + destination) ?? destination;
    }

    /// <summary>What a rule tests, in words: the language's text for the rule (which may quote the rule's own
    /// description).</summary>
    public static string RuleText(RuleOutcome rule, Language language)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(language);
        return rule.Text is { } text ? text.In(language) : rule.Description;
    }
}
