using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>How one survey question became customer attributes.</summary>
/// <param name="Question">The question (header text).</param>
/// <param name="Kind"><c>numeric</c> (every answer a number: Likert scales), <c>categorical</c>, or
/// <c>multiple_choice</c> (one 0/1 column per option).</param>
/// <param name="Columns">The customer-table columns it became.</param>
/// <param name="Answered">Customers with an answer.</param>
/// <param name="Coverage">Answered ÷ customers in the customer table, in [0, 1].</param>
public sealed record SurveyColumn(
    string Question,
    string Kind,
    IReadOnlyList<string> Columns,
    long Answered,
    double Coverage
);

/// <summary>What joining a survey export did: the accounting of its rows and the attributes its questions
/// became.</summary>
/// <param name="File">The file as given.</param>
/// <param name="RowsIn">Records read.</param>
/// <param name="Joined">Rows joined to a customer.</param>
/// <param name="NotJoined">Well-formed rows whose customer is not in the customer table.</param>
/// <param name="Quarantined">Rows quarantined (source <c>survey</c>): missing or repeated id, malformed line.</param>
/// <param name="Columns">One entry per question.</param>
public sealed record SurveyJoinResult(
    string File,
    long RowsIn,
    long Joined,
    long NotJoined,
    long Quarantined,
    IReadOnlyList<SurveyColumn> Columns
)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"SurveyJoinResult: {RowsIn} rows in = {Joined} joined + {NotJoined} not in the customer table "
        )
        + string.Create(CultureInfo.InvariantCulture, $"+ {Quarantined} quarantined; ")
        + string.Create(
            CultureInfo.InvariantCulture,
            $"{string.Join(", ", Columns.Select(c => $"{c.Question} ({c.Kind}, {c.Coverage:P0} answered)"))}"
        );
}

/// <summary>
/// Joins a survey or form export (CSV, any encoding, or Excel; one row per respondent keyed by customer id) to the
/// store's customer table: every other column becomes an attribute — numeric when every answer is a number,
/// one 0/1 column per option when answers list several options (<c>;</c> <c>|</c> <c>；</c> <c>、</c> <c>┋</c>),
/// categorical otherwise. Customers without an answer hold NULL; coverage is reported per question. Without a customer
/// table the survey's respondents become the customers.
/// </summary>
public static class SurveyLoader
{
    private const string Staged = "_sv_staged";
    private const string Kept = "_sv_kept";
    private const string OptionSplit = "[;|；、┋]";
    private const int MaxOptions = 50;

    /// <summary>
    /// Joins <paramref name="path"/>; <paramref name="mapping"/> names its id column (default: <c>customer_id</c>).
    /// Rows without an id, with an id already on an earlier row, or malformed go to quarantine (source <c>survey</c>).
    /// </summary>
    public static SurveyJoinResult Join(
        TransactionStore store,
        string path,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null
    )
    {
        options ??= CleaningOptions.Default;
        var (input, _, bound) = CustomerLoader.Open(
            store,
            path,
            mapping,
            options,
            [CustomerColumns.CustomerId],
            "--survey-map"
        );
        using var _ = input;
        var source = input.Source;
        var id = bound[CustomerColumns.CustomerId]!.Value;
        var questions = Enumerable.Range(0, source.Header.Count).Where(i => i != id).ToList();
        var columns = new List<StagedColumn> { StagedColumn.Raw(CustomerColumns.CustomerId, id) };
        columns.AddRange(questions.Select(i => StagedColumn.Raw(FormattableString.Invariant($"q{i}"), i)));
        var staged = SourceReader.Stage(store, source, Staged, columns, LineNumbering.DefaultMaxInlineSteps);

        var kind = SqlText.Literal(Sources.Survey);
        store.Execute($"DELETE FROM {TransactionStore.QuarantineTable} WHERE source = {kind}");
        var line = staged.Lines.Inline ? staged.Lines.Expression("rn") : "rn";
        var lined = staged.Lines.Inline
            ? $"SELECT *, {line} AS line FROM {Staged}"
            : staged.Lines.Lined($"SELECT * FROM {Staged}", "rn", keepOrder: true);
        var customerId = SqlText.Identifier(CustomerColumns.CustomerId);
        store.Execute(
            $"""
            CREATE OR REPLACE TEMP TABLE {Kept}_all AS
            SELECT *, first_value(line) OVER (PARTITION BY {customerId} ORDER BY rn) AS first_line FROM ({lined})
            """
        );
        var raw = RowCheck.RawLine(
            new[] { customerId }.Concat(questions.Select(i => FormattableString.Invariant($"q{i}"))),
            source.Delimiter
        );
        store.Execute(
            $"""
            INSERT INTO {TransactionStore.QuarantineTable}
                (line_number, reason, raw, source, rule, column_name, "value")
            SELECT line,
                CASE WHEN {customerId} IS NULL THEN 'missing customer id'
                ELSE 'customer id already on line ' || CAST(first_line AS VARCHAR) END,
                   {raw}, {kind},
                   CASE WHEN {customerId} IS NULL THEN {SqlText.Literal(
                CleaningRuleNames.MissingCustomerId
            )} ELSE {SqlText.Literal(CleaningRuleNames.DuplicateCustomerId)} END,
                   {SqlText.Literal(CustomerColumns.CustomerId)}, {customerId}
            FROM {Kept}_all WHERE {customerId} IS NULL OR line <> first_line
            """
        );
        TransactionLoader.InsertRejects(store, staged, Sources.Survey, source.Header, bound);
        input.Finish(store, Sources.Survey);
        store.Execute(
            $"CREATE OR REPLACE TEMP TABLE {Kept} AS SELECT * FROM {Kept}_all "
                + $"WHERE {customerId} IS NOT NULL AND line = first_line"
        );

        var customersBefore = store.Count(TransactionStore.CustomersTable);
        if (customersBefore == 0)
            store.Execute(
                $"INSERT INTO {TransactionStore.CustomersTable} ({customerId}) SELECT {customerId} FROM "
                    + $"{Kept} ORDER BY rn"
            );
        var taken = ExistingColumns(store);
        var result = new List<SurveyColumn>();
        foreach (var i in questions)
        {
            var question = source.Header[i];
            var q = FormattableString.Invariant($"q{i}");
            var (kindName, added) = AddQuestion(store, q, question, taken);
            var answered = store.Count(
                $"{Kept} WHERE {q} IS NOT NULL AND {customerId} IN (SELECT {customerId} FROM "
                    + $"{TransactionStore.CustomersTable})"
            );
            var customers = Math.Max(1, store.Count(TransactionStore.CustomersTable));
            result.Add(new SurveyColumn(question, kindName, added, answered, (double)answered / customers));
        }

        var joined = store.Count(
            $"{Kept} WHERE {customerId} IN (SELECT {customerId} FROM {TransactionStore.CustomersTable})"
        );
        var quarantined = store.Count($"{TransactionStore.QuarantineTable} WHERE source = {kind}");
        var notJoined = store.Count($"{Kept}") - joined;
        store.DropTables([Kept, Kept + "_all", .. SourceReader.WorkTables(Staged)]);
        if (staged.RowsIn != joined + notJoined + quarantined)
            throw new InvalidOperationException(
                FormattableString.Invariant(
                    $"accounting failed for {path}: rows_in={staged.RowsIn} but joined={joined} + not "
                ) + FormattableString.Invariant($"joined={notJoined} + quarantined={quarantined}")
            );
        return new SurveyJoinResult(path, staged.RowsIn, joined, notJoined, quarantined, result);
    }

    /// <summary>Adds the columns of one question to the customer table; returns its kind and the columns
    /// added.</summary>
    private static (string Kind, List<string> Columns) AddQuestion(
        TransactionStore store,
        string q,
        string question,
        HashSet<string> taken
    )
    {
        var answers = store.Count($"{Kept} WHERE {q} IS NOT NULL");
        var numbers = store.Count($"{Kept} WHERE TRY_CAST({q} AS DOUBLE) IS NOT NULL");
        var customerId = SqlText.Identifier(CustomerColumns.CustomerId);
        if (answers > 0 && numbers == answers)
        {
            var name = CustomerLoader.UniqueName(question, taken);
            store.Execute(
                $"ALTER TABLE {TransactionStore.CustomersTable} ADD COLUMN {SqlText.Identifier(name)} DOUBLE"
            );
            store.Execute(
                $"UPDATE {TransactionStore.CustomersTable} SET {SqlText.Identifier(name)} = CAST(s.{q} AS DOUBLE) "
                    + $"FROM {Kept} s WHERE {TransactionStore.CustomersTable}.{customerId} = s.{customerId}"
            );
            return ("numeric", [name]);
        }
        var options = MultipleChoiceOptions(store, q);
        if (options is not null)
        {
            var added = new List<string>();
            foreach (var option in options)
            {
                var name = CustomerLoader.UniqueName($"{question}={option}", taken);
                added.Add(name);
                store.Execute(
                    $"ALTER TABLE {TransactionStore.CustomersTable} ADD COLUMN {SqlText.Identifier(name)} INTEGER"
                );
                store.Execute(
                    $"""
                    UPDATE {TransactionStore.CustomersTable} SET {SqlText.Identifier(name)} =
                        CAST(list_contains(list_transform(regexp_split_to_array(s.{q}, {SqlText.Literal(
                        OptionSplit
                    )}), x -> trim(x)), {SqlText.Literal(option)}) AS INTEGER)
                    FROM {Kept} s WHERE {TransactionStore.CustomersTable}.{customerId} = s.{customerId}
                        AND s.{q} IS NOT NULL
                    """
                );
            }
            return ("multiple_choice", added);
        }
        var text = CustomerLoader.UniqueName(question, taken);
        store.Execute($"ALTER TABLE {TransactionStore.CustomersTable} ADD COLUMN {SqlText.Identifier(text)} VARCHAR");
        store.Execute(
            $"UPDATE {TransactionStore.CustomersTable} SET {SqlText.Identifier(text)} = s.{q} FROM {Kept} s "
                + $"WHERE {TransactionStore.CustomersTable}.{customerId} = s.{customerId}"
        );
        return ("categorical", [text]);
    }

    /// <summary>The options of a multiple-choice question (some answer lists several), or null when it is not
    /// one.</summary>
    private static List<string>? MultipleChoiceOptions(TransactionStore store, string q)
    {
        var split = SqlText.Literal(OptionSplit);
        if (store.Count($"{Kept} WHERE regexp_matches({q}, {split})") == 0)
            return null;
        var options = store.Strings(
            $"""
            SELECT DISTINCT trim(o) AS o
            FROM (SELECT unnest(regexp_split_to_array({q}, {split})) AS o FROM {Kept} WHERE {q} IS NOT NULL)
            WHERE trim(o) <> '' ORDER BY o LIMIT {MaxOptions + 1}
            """
        );
        return options.Count is > 0 and <= MaxOptions ? options : null;
    }

    private static HashSet<string> ExistingColumns(TransactionStore store) =>
        new(
            store.Strings(
                "SELECT column_name FROM information_schema.columns WHERE table_name = "
                    + $"'{TransactionStore.CustomersTable}'"
            ),
            StringComparer.OrdinalIgnoreCase
        );
}
