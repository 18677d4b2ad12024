using System.Text;

namespace Segmentation.Data.Loading;

/// <summary>
/// Binds a <see cref="ColumnMapping"/> to a file's header: role → column position, with the one-line errors a user
/// needs to fix a mapping (a role's column missing, a header named twice, required roles absent with a suggested
/// <c>--map</c> line).
/// </summary>
internal static class ColumnBinding
{
    /// <summary>
    /// Binds <paramref name="mapping"/> to <paramref name="source"/>'s header over <paramref name="roles"/>: role →
    /// position (null when absent). <paramref name="mapOption"/> names the CLI option in suggestions.
    /// </summary>
    public static Dictionary<string, int?> Bind(
        ColumnMapping mapping,
        SourceFile source,
        IReadOnlyList<string> required,
        IReadOnlyList<string> roles,
        string mapOption
    )
    {
        var header = source.Header;
        long? line = source.Format == SourceFormat.Csv ? source.HeaderLine : null;
        var bound = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (!mapping.Columns.TryGetValue(role, out var name))
            {
                bound[role] = null;
                continue;
            }
            var positions = mapping.Positions(header, name);
            if (positions.Count > 1)
                throw new DataFormatException(
                    source.Path,
                    FormattableString.Invariant(
                        $"column '{header[positions[0]]}' (role {role}) appears twice in the header, as "
                    ) + FormattableString.Invariant($"columns {positions[0] + 1} and {positions[1] + 1}"),
                    line: line,
                    expected: "distinct header names (rename one of them)"
                );
            if (positions.Count == 0 && mapping.NamedRoles.Contains(role))
            {
                var near = header.FirstOrDefault(h =>
                    string.Equals(h, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(Normalize(h), Normalize(name), StringComparison.Ordinal)
                );
                throw new DataFormatException(
                    source.Path,
                    $"map: column '{name}' for role {role} is not in the "
                        + $"header{(near is null ? "" : $" (did you mean '{near}'?)")}; columns: "
                        + $"{string.Join(", ", header)}",
                    line: line
                );
            }
            bound[role] = positions.Count == 0 ? null : positions[0];
        }

        if (
            roles.Contains(TransactionColumns.Amount)
            && bound[TransactionColumns.Amount] is not null
            && bound[TransactionColumns.UnitPrice] is not null
        )
        {
            var amountNamed = mapping.NamedRoles.Contains(TransactionColumns.Amount);
            var priceNamed = mapping.NamedRoles.Contains(TransactionColumns.UnitPrice);
            if (amountNamed && priceNamed)
                throw new DataFormatException(
                    source.Path,
                    $"map: both amount ('{header[bound[TransactionColumns.Amount]!.Value]}') and unit_price "
                        + $"('{header[bound[TransactionColumns.UnitPrice]!.Value]}') are mapped; "
                        + "map amount for a line total (the unit price is then amount ÷ quantity) or "
                        + "unit_price with quantity, not both",
                    line: line
                );
            if (amountNamed)
                bound[TransactionColumns.UnitPrice] = null;
            else
                bound[TransactionColumns.Amount] = null;
        }

        var missing = RequiredRoles(required, bound).Where(r => bound[r] is null).ToList();
        if (missing.Count > 0)
            throw Missing(mapping, source, missing, required, roles, mapOption);
        return bound;
    }

    /// <summary>The required roles given what is bound: with an amount, amount replaces unit price (and quantity is
    /// optional).</summary>
    public static IReadOnlyList<string> RequiredRoles(
        IReadOnlyList<string> required,
        IReadOnlyDictionary<string, int?> bound
    )
    {
        if (!bound.TryGetValue(TransactionColumns.Amount, out var amount) || amount is null)
            return required;
        return required
            .Where(r => r is not (TransactionColumns.UnitPrice or TransactionColumns.Quantity))
            .Append(TransactionColumns.Amount)
            .ToList();
    }

    /// <summary>The error for a header that no preset fits when no mapping was given.</summary>
    public static DataFormatException NoPresetFits(SourceFile source)
    {
        var expected = ColumnMapping.Presets.Select(p =>
            $"{string.Join(", ", TransactionColumns.Required.Select(c => p.Columns[c]))} (preset '{p.Name}')"
        );
        var workspace = ColumnMapping.Workspace;
        var missing = TransactionColumns.Required.Where(r => workspace.Positions(source.Header, r).Count == 0).ToList();
        var suggestion = Suggestion(source.Header, missing, TransactionColumns.Roles, "--map");
        return new DataFormatException(
            source.Path,
            $"no column mapping fits the header; missing roles {string.Join(", ", missing)}",
            line: source.Format == SourceFormat.Csv ? source.HeaderLine : null,
            value: string.Join(", ", source.Header),
            expected: string.Join(" or ", expected) + ", or a map" + suggestion
        );
    }

    private static DataFormatException Missing(
        ColumnMapping mapping,
        SourceFile source,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> required,
        IReadOnlyList<string> roles,
        string mapOption
    )
    {
        var wanted = missing.Select(c => mapping.Columns.TryGetValue(c, out var s) && s != c ? $"{c} (from '{s}')" : c);
        return new DataFormatException(
            source.Path,
            $"missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", wanted)} for "
                + $"mapping '{mapping.Name}'",
            line: source.Format == SourceFormat.Csv ? source.HeaderLine : null,
            value: string.Join(", ", source.Header),
            expected: string.Join(", ", required.Select(c => mapping.Columns.TryGetValue(c, out var s) ? s : c))
                + Suggestion(source.Header, missing, roles, mapOption)
        );
    }

    /// <summary>"; try --map role=column,…" for the missing roles whose column can be guessed from common names; empty
    /// when none can.</summary>
    internal static string Suggestion(
        IReadOnlyList<string> header,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> roles,
        string mapOption
    )
    {
        var guesses = Guess(header, roles);
        var pairs = missing.Where(guesses.ContainsKey).Select(r => (Role: r, Column: guesses[r])).ToList();
        if (
            missing.Contains(TransactionColumns.UnitPrice)
            && !guesses.ContainsKey(TransactionColumns.UnitPrice)
            && guesses.TryGetValue(TransactionColumns.Amount, out var amount)
        )
            pairs.Add((TransactionColumns.Amount, amount));
        if (pairs.Count == 0)
            return "";
        var unguessed = missing
            .Where(r =>
                pairs.All(p => p.Role != r)
                && !(r == TransactionColumns.UnitPrice && pairs.Any(p => p.Role == TransactionColumns.Amount))
                && !(r == TransactionColumns.Quantity && pairs.Any(p => p.Role == TransactionColumns.Amount))
            )
            .ToList();
        if (pairs.Any(p => p.Column.Contains(',', StringComparison.Ordinal)))
            return "; the column names hold commas: use a map file, e.g. "
                + $"{{{string.Join(", ", pairs.Select(p => $"\"{p.Role}\": \"{p.Column}\""))}}}";
        var text = string.Join(",", pairs.Select(p => $"{p.Role}={p.Column}"));
        if (
            text.Any(c =>
                char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or '(' or ')' or ';' or '|' or '<' or '>'
            )
        )
            text = "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        return $"; try {mapOption} {text}"
            + (unguessed.Count > 0 ? $" (and name a column for {string.Join(", ", unguessed)})" : "");
    }

    /// <summary>Role → header column guessed from common English and Chinese names (first match per role; a column
    /// serves one role).</summary>
    internal static Dictionary<string, string> Guess(IReadOnlyList<string> header, IReadOnlyList<string> roles)
    {
        var guesses = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<int>();
        foreach (var (role, names) in CommonNames.Where(n => roles.Contains(n.Role)))
        {
            foreach (var name in names)
            {
                var index = Enumerable
                    .Range(0, header.Count)
                    .FirstOrDefault(i => !used.Contains(i) && Normalize(header[i]) == name, -1);
                if (index < 0)
                    continue;
                guesses[role] = header[index];
                used.Add(index);
                break;
            }
        }
        return guesses;
    }

    /// <summary>Lower case without spaces, underscores, hyphens, dots and slashes (full-width forms folded).</summary>
    internal static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '.' or '/' or '(' or ')')
                continue;
            result.Append(char.ToLowerInvariant(c));
        }
        return result.ToString();
    }

    /// <summary>Common column names per role, normalized (<see cref="Normalize"/>), most specific first; roles in the
    /// order they claim columns.</summary>
    private static readonly (string Role, string[] Names)[] CommonNames =
    [
        (
            TransactionColumns.CustomerId,
            [
                "customerid",
                "customer",
                "custid",
                "clientid",
                "client",
                "memberid",
                "member",
                "userid",
                "user",
                "buyerid",
                "buyer",
                "客户id",
                "客户编号",
                "客户号",
                "客户代码",
                "客户",
                "会员id",
                "会员编号",
                "会员号",
                "会员卡号",
                "会员",
                "用户id",
                "用户编号",
                "用户",
                "买家id",
                "买家",
            ]
        ),
        (
            TransactionColumns.OrderId,
            [
                "orderid",
                "orderno",
                "ordernumber",
                "order",
                "invoiceno",
                "invoiceid",
                "invoice",
                "transactionid",
                "receiptno",
                "订单号",
                "订单编号",
                "订单id",
                "订单",
                "单号",
                "单据号",
                "流水号",
                "交易号",
            ]
        ),
        (
            TransactionColumns.Timestamp,
            [
                "timestamp",
                "datetime",
                "orderdate",
                "ordertime",
                "invoicedate",
                "purchasedate",
                "transactiondate",
                "date",
                "time",
                "下单时间",
                "下单日期",
                "订单时间",
                "订单日期",
                "交易时间",
                "交易日期",
                "购买时间",
                "购买日期",
                "支付时间",
                "付款时间",
                "创建时间",
                "日期",
                "时间",
            ]
        ),
        (
            TransactionColumns.Quantity,
            ["quantity", "qty", "units", "count", "数量", "购买数量", "商品数量", "件数", "销量"]
        ),
        (TransactionColumns.UnitPrice, ["unitprice", "price", "单价", "商品单价", "销售单价", "价格"]),
        (
            TransactionColumns.Amount,
            [
                "amount",
                "lineamount",
                "linetotal",
                "total",
                "sales",
                "revenue",
                "金额",
                "实付金额",
                "实付",
                "支付金额",
                "付款金额",
                "订单金额",
                "总金额",
                "总价",
                "销售额",
                "销售金额",
            ]
        ),
        (
            TransactionColumns.ProductId,
            [
                "productid",
                "product",
                "sku",
                "stockcode",
                "itemid",
                "item",
                "商品id",
                "商品编号",
                "商品编码",
                "商品",
                "产品编号",
                "产品",
            ]
        ),
        (TransactionColumns.Category, ["category", "品类", "类目", "商品类别", "商品分类", "类别", "分类"]),
        (TransactionColumns.Channel, ["channel", "渠道", "销售渠道"]),
        (TransactionColumns.BrandOrigin, ["brandorigin", "品牌来源"]),
        (TransactionColumns.PriceTier, ["pricetier", "价格档次", "价位"]),
        (TransactionColumns.Country, ["country", "国家"]),
        (TransactionColumns.City, ["city", "城市"]),
    ];
}
