using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Magics;

public sealed class MagicTests
{
    private static async Task<string> ValueOf(NotebookSession session, string code)
    {
        var result = await session.ExecuteAsync(code);
        Assert.True(result.Succeeded, result.Error?.Value);
        return Assert.IsType<ExecuteResultOutput>(result.Outputs.Last()).PlainText!;
    }

    [Fact]
    public async Task Set_with_a_literal_value_declares_a_string_as_dotnet_interactive_does()
    {
        using var session = new NotebookSession();

        Assert.Equal("String:3", await ValueOf(session, "#!set --name x --value 3\nx.GetType().Name + \":\" + x"));
    }

    [Fact]
    public async Task Set_with_the_json_mime_type_declares_a_double()
    {
        using var session = new NotebookSession();

        Assert.Equal("True", await ValueOf(session, "#!set --name x --value 3 --mime-type application/json\nx == 3.0"));
    }

    [Fact]
    public async Task Set_from_a_csharp_variable_shares_the_same_object()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var a = new List<int> { 1, 2 };");

        Assert.Equal(
            "True",
            await ValueOf(session, "#!set --name b --value @csharp:a\nReferenceEquals(a, b) && b.Count == 2")
        );
    }

    [Fact]
    public async Task Share_with_the_json_mime_type_copies_through_json()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var count = 7;");

        Assert.Equal(
            "Double:7",
            await ValueOf(
                session,
                "#!share --from csharp count --as copy --mime-type application/json\ncopy.GetType().Name + \":\" + copy"
            )
        );
    }

    [Fact]
    public async Task A_value_part_is_shown_as_text_and_shared_into_csharp_under_another_name()
    {
        using var session = new NotebookSession();
        var stored = await session.ExecuteAsync("#!value --name v\nline one\nline two");

        Assert.Equal("line one\nline two", Assert.Single(Cells.SingleOutput<DisplayDataOutput>(stored).Data).Value);
        Assert.Equal("line one\nline two", await ValueOf(session, "#!share --from value v --as w\nw"));
    }

    [Fact]
    public async Task A_value_from_a_file_with_a_mime_type_is_stored_and_displayed()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "data.json"), "{\"a\": 1}");
        using var session = new NotebookSession(new NotebookSessionOptions { BaseDirectory = directory.Path });

        var result = await session.ExecuteAsync(
            "#!value --name config --from-file data.json --mime-type application/json"
        );

        var display = Cells.SingleOutput<DisplayDataOutput>(result);
        Assert.Equal("{\"a\": 1}", display.Data["application/json"]);
        Assert.Equal("{\"a\": 1}", await ValueOf(session, "#!set --name text --value @value:config\ntext"));
    }

    [Fact]
    public async Task Sql_name_binds_the_result_to_a_csharp_DataFrame_with_its_rows()
    {
        using var session = new NotebookSession();
        var query = await session.ExecuteAsync(
            "#!sql --name df\nselect n, n * n as square from range(4) t(n) order by n"
        );

        Cells.SucceededWith<ExecuteResultOutput>(query);
        Assert.Equal("DataFrame 4 9", await ValueOf(session, "$\"{df.GetType().Name} {df.Rows.Count} {df[3, 1]}\""));
    }

    [Fact]
    public async Task Csharp_records_shared_into_sql_become_a_table()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync(
            "var people = new[] { new { Name = \"a\", Age = 30 }, new { Name = \"b\", Age = 40 } };"
        );

        var result = await session.ExecuteAsync(
            "#!sql --name total\n#!share --from csharp people\nselect sum(Age) as s from people"
        );

        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.Equal("70", await ValueOf(session, "total[0, 0].ToString()"));
    }

    [Fact]
    public async Task A_csharp_scalar_shared_into_sql_is_a_query_parameter()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var minimum = 2;");

        var result = await session.ExecuteAsync(
            "#!sql --name counted\n#!share --from csharp minimum\nselect count(*) as n from range(5) t(i) "
                + "where i >= $minimum"
        );

        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.Equal("3", await ValueOf(session, "counted[0, 0].ToString()"));
    }

    [Fact]
    public async Task An_unknown_magic_command_is_a_one_line_error_naming_the_supported_ones()
    {
        var result = await Cells.RunAloneAsync("#!bogus --x 1\nvar y = 1;", "cell 1");

        Assert.False(result.Succeeded);
        var error = Cells.SingleOutput<ErrorOutput>(result);
        Assert.Equal("MagicCommandError", error.Name);
        Assert.DoesNotContain('\n', error.Value);
        Assert.StartsWith(
            "cell 1 line 1: unknown magic command '#!bogus'; supported: #!C#, #!about, #!c#, #!csharp, "
                + "#!html, #!javascript, #!js, #!lsmagic, ",
            error.Value,
            StringComparison.Ordinal
        );
        Assert.Contains("#!mermaid", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_names_the_options_the_command_has()
    {
        var result = await Cells.RunAloneAsync("#!set --nme x --value 1", "cell 2");

        Assert.Equal(
            "cell 2 line 1: #!set has no option '--nme'; it has: --name, --value, --mime-type, --byref",
            result.Error!.Value
        );
    }

    [Fact]
    public async Task Html_and_javascript_parts_are_sent_as_html_outputs()
    {
        var result = await Cells.RunAloneAsync("#!html\n<b>bold</b>\n#!javascript\nconsole.log(1);");

        Assert.Collection(
            result.Outputs,
            o => Assert.Equal("<b>bold</b>", Assert.Single(((DisplayDataOutput)o).Data).Value),
            o =>
                Assert.Equal(
                    "<script type=\"text/javascript\">console.log(1);</script>",
                    Assert.Single(((DisplayDataOutput)o).Data).Value
                )
        );
    }

    [Fact]
    public async Task Mermaid_diagrams_draw_offline_with_mermaid_sent_once()
    {
        using var session = new NotebookSession();

        var first = await session.ExecuteAsync("#!mermaid\ngraph TD\n  A-->B");
        var second = await session.ExecuteAsync("#!mermaid\ngraph LR\n  C-->D");

        Assert.Equal(2, first.Outputs.Count);
        var loader = Assert.IsType<DisplayDataOutput>(first.Outputs[0]).Html!;
        Assert.Contains("globalThis[\"mermaid\"]", loader, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", loader[..200], StringComparison.Ordinal);
        var diagram = Cells.SingleOutput<DisplayDataOutput>(second);
        Assert.Contains(
            "<pre class=\"mermaid\" id=\"seg-diagram-2\">graph LR\n  C--&gt;D</pre>",
            diagram.Html,
            StringComparison.Ordinal
        );
        Assert.Equal("graph LR\n  C-->D", diagram.PlainText);
    }

    [Fact]
    public async Task Time_reports_the_wall_time_after_the_code_output()
    {
        var result = await Cells.RunAloneAsync("#!time\n1 + 1");

        Assert.Collection(
            result.Outputs,
            o => Assert.Equal("2", ((ExecuteResultOutput)o).PlainText),
            o => Assert.Matches("^Wall time: [0-9.]+ms$", ((DisplayDataOutput)o).PlainText)
        );
    }

    [Fact]
    public async Task Who_lists_names_and_whos_lists_types_and_values()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var a = 1; var b = \"two\"; var a2 = a;");

        var who = await session.ExecuteAsync("#!who");
        var whos = await session.ExecuteAsync("#!whos");

        Assert.Equal("a\tb\ta2", Cells.SingleOutput<DisplayDataOutput>(who).PlainText);
        var table = Cells.SingleOutput<DisplayDataOutput>(whos).Html!;
        Assert.Contains("<td>b</td><td>String</td><td>two</td>", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lsmagic_lists_every_supported_command()
    {
        var text = Cells.SingleOutput<DisplayDataOutput>(await Cells.RunAloneAsync("#!lsmagic")).PlainText!;

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(
            Segmentation.Notebooks.Magics.MagicCommands.All.Select(c => c.Name),
            lines.Select(l => l.Split(',', ' ')[0])
        );
    }

    [Fact]
    public async Task Help_on_a_magic_shows_its_options_instead_of_running_it()
    {
        using var session = new NotebookSession();

        var result = await session.ExecuteAsync("#!sql -h\nvar stillCSharp = 1;\nstillCSharp");

        Assert.Collection(
            result.Outputs,
            o =>
                Assert.Equal(
                    "#!sql --name VALUE : the lines that follow are SQL on the session's DuckDB database\n",
                    ((DisplayDataOutput)o).PlainText
                ),
            o => Assert.Equal("1", ((ExecuteResultOutput)o).PlainText)
        );
    }

    [Fact]
    public async Task About_names_the_runtime()
    {
        var about = Cells.SingleOutput<DisplayDataOutput>(await Cells.RunAloneAsync("#!about"));

        Assert.StartsWith("Segmentation notebook runtime ", about.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cell_with_several_language_parts_runs_each_in_order()
    {
        var result = await Cells.RunAloneAsync(
            "#!csharp\nConsole.WriteLine(\"cs\");\n#!markdown\n# Title\n#!sql\nselect 42 as answer"
        );

        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.Collection(
            result.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "cs\n"), o),
            o => Assert.Equal("# Title", ((DisplayDataOutput)o).Data[MimeTypes.Markdown]),
            o => Assert.Contains("42", ((ExecuteResultOutput)o).PlainText, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_compile_error_after_a_magic_keeps_the_cells_line_numbers()
    {
        var result = await Cells.RunAloneAsync("#!csharp\n#!time\nvar x = y;", "cell 1");

        Assert.StartsWith("cell 1 line 3, column 9: error CS0103", result.Error!.Value, StringComparison.Ordinal);
    }
}
