using System.Text.RegularExpressions;

namespace Segmentation.Data;

/// <summary>The kind of a direct identifier: a field that names or reaches one person.</summary>
public enum DirectIdentifierKind
{
    /// <summary>A person's name.</summary>
    Name,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A phone number.</summary>
    Phone,

    /// <summary>A postal address.</summary>
    Address,

    /// <summary>A national identity, passport or social-security number.</summary>
    NationalId,
}

/// <summary>A column found to hold direct identifiers, and why.</summary>
/// <param name="Column">The column as named in the source.</param>
/// <param name="Kind">What it identifies.</param>
/// <param name="Evidence">"name" when the header gave it away, "values" when its contents did.</param>
public sealed record DirectIdentifierColumn(string Column, DirectIdentifierKind Kind, string Evidence);

/// <summary>
/// Detects direct identifiers (name, e-mail, phone, address, national id columns) at load time by
/// their header, in English and Chinese, and by their values. Such columns are dropped unless the
/// user keeps them explicitly.
/// </summary>
public static partial class DirectIdentifiers
{
    private static readonly (DirectIdentifierKind Kind, Regex Header)[] Headers =
    [
        (DirectIdentifierKind.Email, HeaderPattern(@"e[-_ ]?mail|mail[-_ ]?address|邮箱|电子邮件")),
        (DirectIdentifierKind.Phone, HeaderPattern(@"phone|mobile|cell|tel(ephone)?|fax|电话|手机|联系方式")),
        (
            DirectIdentifierKind.Address,
            HeaderPattern(@"(street|postal|home|mailing|billing|shipping)?[-_ ]?address|street|addr|住址|地址")
        ),
        (
            DirectIdentifierKind.NationalId,
            HeaderPattern(@"ssn|social[-_ ]?security|passport|national[-_ ]?id|id[-_ ]?card|身份证")
        ),
        (
            DirectIdentifierKind.Name,
            HeaderPattern(@"(first|last|full|given|family|sur|customer|contact)?[-_ ]?name|surname|姓名|名字|联系人")
        ),
    ];

    /// <summary>Header words that look like a name column but are not personal (product name, city name…).</summary>
    private static readonly Regex NotPersonal = new(
        @"^(product|item|brand|category|city|country|region|company|store|shop|file|user)[-_ ]?name$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    );

    /// <summary>
    /// The columns that hold direct identifiers, judged by header and, when sample values are given,
    /// by content (a column whose non-empty sample values are mostly e-mail addresses or phone numbers).
    /// </summary>
    /// <param name="columns">Column names as in the source.</param>
    /// <param name="sampleValues">Optional sample values per column (same order as <paramref name="columns"/>).</param>
    public static IReadOnlyList<DirectIdentifierColumn> Detect(
        IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyList<string?>>? sampleValues = null
    )
    {
        ArgumentNullException.ThrowIfNull(columns);
        var found = new List<DirectIdentifierColumn>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var byHeader = ByHeader(column);
            if (byHeader is { } kind)
            {
                found.Add(new DirectIdentifierColumn(column, kind, "name"));
                continue;
            }
            if (sampleValues is not null && i < sampleValues.Count && ByValues(sampleValues[i]) is { } valueKind)
                found.Add(new DirectIdentifierColumn(column, valueKind, "values"));
        }
        return found;
    }

    private static DirectIdentifierKind? ByHeader(string column)
    {
        var normalized = column.Trim();
        if (NotPersonal.IsMatch(normalized))
            return null;
        foreach (var (kind, header) in Headers)
        {
            if (header.IsMatch(normalized))
                return kind;
        }
        return null;
    }

    private static DirectIdentifierKind? ByValues(IReadOnlyList<string?> values)
    {
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        if (present.Count == 0)
            return null;
        if (present.Count(v => EmailValue().IsMatch(v)) * 2 > present.Count)
            return DirectIdentifierKind.Email;
        if (present.Count(v => PhoneValue().IsMatch(v)) * 2 > present.Count)
            return DirectIdentifierKind.Phone;
        return null;
    }

    private static Regex HeaderPattern(string alternatives) =>
        new($"^({alternatives})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailValue();

    // A phone number: optional +country code, then 7–15 digits with spaces, dashes, dots or brackets.
    [GeneratedRegex(@"^\+?[\d][\d\s\-\.\(\)]{6,18}\d$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneValue();
}
