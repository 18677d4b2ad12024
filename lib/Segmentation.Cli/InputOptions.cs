using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Cli;

/// <summary>
/// The options every command that reads a transaction log (and optionally a customer table) shares: preset, column
/// maps, delimiter. Declared once here so that <c>clean</c>, <c>rfm</c>, <c>features</c>, <c>segment</c> and <c>clv</c>
/// read input the same way.
/// </summary>
internal sealed class InputOptions
{
    private readonly Option<string?> preset = new("--preset")
    {
        Description = "Column mapping preset: workspace or online-retail (default: detected from the header).",
    };
    private readonly Option<string?> map = new("--map")
    {
        Description =
            "Columns by role, e.g. customer_id=会员ID,order_id=订单号,timestamp=下单时间,quantity=数量,unit_price=单价 "
            + "(header text, exact after trimming; roles not named are read from a column of their name).",
    };
    private readonly Option<string?> mapFile = new("--map-file")
    {
        Description =
            "JSON file of role → column, e.g. {\"customer_id\": \"会员ID\"} (combined with --map; a role may "
            + "be named once).",
    };
    private readonly Option<string?> customerMap = new("--customer-map")
    {
        Description =
            "Columns of the customer table by role, e.g. customer_id=会员ID (other columns pass through by name).",
    };
    private readonly Option<string?> customerMapFile = new("--customer-map-file")
    {
        Description = "JSON file of role → column for the customer table.",
    };
    private readonly Option<string> delimiter = new("--delimiter")
    {
        Description = "CSV field delimiter (one character; 'tab' for tab).",
        DefaultValueFactory = _ => ",",
    };
    private readonly Option<string?> encoding = new("--encoding")
    {
        Description =
            $"Text encoding of CSV input: {TextEncodings.Names} (default UTF-8; UTF-16 is told by its "
            + "byte-order mark).",
    };
    private readonly Option<string?> sheet = new("--sheet")
    {
        Description = "Sheet of an Excel workbook (.xlsx, .xls): name or number (default: the first).",
    };
    private readonly Option<int?> headerRow = new("--header-row")
    {
        Description = "Excel row of the header (default: detected; title rows above it are skipped).",
    };
    private readonly Option<string?> customerSheet = new("--customer-sheet")
    {
        Description = "Sheet of the customer table when it is an Excel workbook (default: the first).",
    };
    private readonly Option<string[]> timestampFormats = new("--timestamp-format")
    {
        Description =
            "Timestamp format tried first, DuckDB strptime syntax, e.g. %d/%m/%Y %H:%M or %Y%m%d%H%M (repeatable).",
    };
    private readonly Option<string[]> surveys = new("--survey")
    {
        Description =
            "Survey or form export (CSV or Excel) keyed by customer id, joined to the customer table: "
            + "numeric answers, categories, one 0/1 column per multiple-choice option (repeatable).",
    };
    private readonly Option<string?> surveyMap = new("--survey-map")
    {
        Description = "The survey's id column, e.g. customer_id=会员ID (default: customer_id).",
    };
    private readonly bool customers;

    /// <summary>Options for a command that reads a transaction log and, when <paramref name="customers"/>, a customer
    /// table.</summary>
    public InputOptions(bool customers) => this.customers = customers;

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All())
            command.Options.Add(option);
    }

    private IEnumerable<Option> All()
    {
        yield return preset;
        yield return map;
        yield return mapFile;
        if (customers)
        {
            yield return customerMap;
            yield return customerMapFile;
            yield return customerSheet;
            yield return surveys;
            yield return surveyMap;
        }
        yield return delimiter;
        yield return encoding;
        yield return sheet;
        yield return headerRow;
        yield return timestampFormats;
    }

    /// <summary>The transaction mapping: the preset, the map (and map file), or null to detect it from the
    /// header.</summary>
    public ColumnMapping? Mapping(ParseResult parse)
    {
        var presetName = parse.GetValue(preset);
        var explicitMap = ColumnMapping.FromOptions(parse.GetValue(map), parse.GetValue(mapFile));
        if (presetName is not null && explicitMap is not null)
            throw new OptionsException($"preset='{presetName}' and a map cannot both be given; choose one");
        return presetName is not null ? ColumnMapping.Preset(presetName) : explicitMap;
    }

    /// <summary>The map files given, for run.json.</summary>
    public (string Role, string? Path)[] Files(ParseResult parse) =>
        [
            ("map-file", parse.GetValue(mapFile)),
            ("customer-map-file", customers ? parse.GetValue(customerMapFile) : null),
            .. Surveys(parse).Select(s => ("survey", (string?)s)),
        ];

    /// <summary>The survey files given (--survey, repeatable).</summary>
    public IReadOnlyList<string> Surveys(ParseResult parse) => customers ? parse.GetValue(surveys) ?? [] : [];

    /// <summary>The mapping of the surveys' id column, or null for customer_id.</summary>
    public ColumnMapping? SurveyMapping(ParseResult parse) =>
        customers && parse.GetValue(surveyMap) is { } text
            ? ColumnMapping.Parse(text, [CustomerColumns.CustomerId])
            : null;

    /// <summary>
    /// Loads the customer table at <paramref name="path"/> into <paramref name="store"/> when one is given (null
    /// otherwise), then joins every --survey to it. The customer map is parsed, and a bad one rejected, either way.
    /// </summary>
    public CustomerLoadResult? LoadCustomers(
        TransactionStore store,
        ParseResult parse,
        string? path,
        CleaningOptions options
    )
    {
        var mapping = CustomerMapping(parse);
        var result = path is null ? null : CustomerLoader.Load(store, path, mapping, ForCustomers(parse, options));
        JoinSurveys(store, parse, options);
        return result;
    }

    /// <summary>Joins every --survey to the store's customer table and prints what each became.</summary>
    private void JoinSurveys(TransactionStore store, ParseResult parse, CleaningOptions options)
    {
        foreach (var survey in Surveys(parse))
            Console.WriteLine(
                SurveyLoader.Join(
                    store,
                    survey,
                    SurveyMapping(parse),
                    ForCustomers(parse, options) with
                    {
                        Sheet = null,
                    }
                )
            );
    }

    /// <summary>Preset name, when given.</summary>
    public string? Preset(ParseResult parse) => parse.GetValue(preset);

    /// <summary>The customer-table mapping from --customer-map and --customer-map-file, or null for the workspace
    /// names.</summary>
    public ColumnMapping? CustomerMapping(ParseResult parse) =>
        customers
            ? ColumnMapping.FromOptions(
                parse.GetValue(customerMap),
                parse.GetValue(customerMapFile),
                CustomerColumns.All
            )
            : null;

    /// <summary><paramref name="options"/> with how the files are read (delimiter) set from the command line.</summary>
    public CleaningOptions Apply(ParseResult parse, CleaningOptions options) =>
        options with
        {
            Delimiter = Delimiter(parse.GetValue(delimiter) ?? ","),
            Encoding = parse.GetValue(encoding),
            Sheet = parse.GetValue(sheet),
            HeaderRow = parse.GetValue(headerRow),
            TimestampFormats = [.. options.TimestampFormats, .. parse.GetValue(timestampFormats) ?? []],
        };

    /// <summary>The options for the customer table: <paramref name="options"/> with its own sheet and a detected
    /// header.</summary>
    public CleaningOptions ForCustomers(ParseResult parse, CleaningOptions options) =>
        options with
        {
            Sheet = customers ? parse.GetValue(customerSheet) : null,
            HeaderRow = null,
        };

    /// <summary>Writes the warnings of <paramref name="reports"/> (lines not valid in the encoding) to
    /// stderr.</summary>
    public static void Warn(params IEnumerable<QualityReport?> reports)
    {
        foreach (var report in reports)
        {
            if (report?.EncodingMessage is { } message)
                Console.Error.WriteLine($"seg: warning: {report.File}: {message}");
        }
    }

    private static char Delimiter(string text) =>
        text switch
        {
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } => text[0],
            _ => throw new OptionsException($"delimiter='{text}' must be one character (or 'tab')"),
        };
}
