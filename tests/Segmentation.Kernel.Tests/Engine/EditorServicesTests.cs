using Segmentation.Kernel.Engine;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Kernel.Tests.Engine;

public sealed class EditorServicesTests : IDisposable
{
    private readonly List<NotebookSession> sessions = [];

    public void Dispose()
    {
        foreach (var session in sessions)
            session.Dispose();
    }

    /// <summary>The editor's view of a session that ran <paramref name="cells"/>.</summary>
    private EditorContext ContextAfter(params string[] cells)
    {
        var session = new NotebookSession();
        sessions.Add(session);
        foreach (var cell in cells)
            Assert.Equal(CellStatus.Ok, session.ExecuteAsync(cell).GetAwaiter().GetResult().Status);
        return new EditorContext(session);
    }

    private static List<string> Names(CompletionResult result) => result.Items.Select(i => i.Text).ToList();

    [Fact]
    public void Members_of_a_variable_from_an_earlier_cell_complete_after_the_dot()
    {
        var context = ContextAfter("var customers = new List<string> { \"a\" };");
        var code = "customers.Co";
        var result = CSharpCompletion.Complete(context, code, code.Length);

        Assert.Contains("Count", Names(result));
        Assert.Contains("Contains", Names(result));
        Assert.All(Names(result), n => Assert.StartsWith("Co", n, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("customers.".Length, result.Start);
        Assert.Equal("property", result.Items.First(i => i.Text == "Count").Kind);
    }

    [Fact]
    public void Extension_methods_complete_on_values_and_static_members_on_types()
    {
        var context = ContextAfter("int[] numbers = [1, 2, 3];");
        Assert.Contains("Select", Names(CSharpCompletion.Complete(context, "numbers.", "numbers.".Length)));
        var statics = Names(CSharpCompletion.Complete(context, "Math.", "Math.".Length));
        Assert.Contains("Sqrt", statics);
        Assert.DoesNotContain("GetHashCode", statics);
    }

    [Fact]
    public void Without_a_dot_earlier_variables_types_and_keywords_complete()
    {
        var context = ContextAfter("var revenue = 1.5m;");
        Assert.Contains("revenue", Names(CSharpCompletion.Complete(context, "rev", 3)));
        Assert.Contains("foreach", Names(CSharpCompletion.Complete(context, "fore", 4)));
        Assert.Contains("Console", Names(CSharpCompletion.Complete(context, "Cons", 4)));
    }

    [Fact]
    public void Nothing_completes_inside_a_string_or_a_comment()
    {
        var context = ContextAfter();
        Assert.Empty(CSharpCompletion.Complete(context, "var s = \"Cons", 13).Items);
        Assert.Empty(CSharpCompletion.Complete(context, "// Cons", 7).Items);
    }

    [Fact]
    public void Inspect_shows_the_type_of_an_earlier_variable_and_the_documentation_of_a_member()
    {
        var context = ContextAfter("var names = new List<string>();");
        var variable = CSharpInspection.Inspect(context, "names", 2, 0)!;
        Assert.Contains("List<string> names", variable.Bundle.Data["text/plain"], StringComparison.Ordinal);

        var member = CSharpInspection.Inspect(context, "names.Count", "names.Co".Length, 0)!;
        Assert.Contains("int List<string>.Count", member.Bundle.Data["text/plain"], StringComparison.Ordinal);
        Assert.Contains("```csharp", member.Bundle.Data["text/markdown"], StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_shows_the_documentation_of_runtime_members_from_the_reference_pack()
    {
        var context = ContextAfter("var count = 3;");

        var member = CSharpInspection.Inspect(context, "Enumerable.Range(0, count)", "Enumerable.Ra".Length, 0)!;

        Assert.Contains("sequence of integral numbers", member.Bundle.Data["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_binds_against_the_cells_that_ran_and_not_against_those_that_failed_to_compile()
    {
        var context = ContextAfter("var segments = new Dictionary<string, int>();");
        Assert.Equal(CellStatus.Error, (await sessions[^1].ExecuteAsync("var unfinished = ;")).Status);

        var names = Names(CSharpCompletion.Complete(context, "seg", 3));
        Assert.Contains("segments", names);
        Assert.DoesNotContain("unfinished", Names(CSharpCompletion.Complete(context, "unf", 3)));
        Assert.Contains("TryAdd", Names(CSharpCompletion.Complete(context, "segments.Try", "segments.Try".Length)));
    }

    [Fact]
    public void Inspect_inside_call_parentheses_describes_the_called_method_and_nothing_is_found_on_whitespace()
    {
        var context = ContextAfter();
        var code = "Math.Max(1, ";
        var called = CSharpInspection.Inspect(context, code, code.Length, 1)!;
        Assert.Contains("Math.Max(", called.Bundle.Data["text/plain"], StringComparison.Ordinal);
        Assert.Null(CSharpInspection.Inspect(context, "   ", 1, 0));
    }

    [Fact]
    public void Documentation_comments_become_plain_text_with_references_resolved()
    {
        const string xml =
            """
                <member name="M:X.F(System.Int32)"><summary>Adds <paramref name="n"/> to <see cref="T:System.Int32"/>
                values; see <see langword="null"/>.</summary>
                """ + """<param name="n">How many.</param><returns>The sum.</returns></member>""";
        Assert.Equal("Adds n to Int32 values; see null.", CSharpInspection.DocumentationText(xml, 0));
        Assert.Equal(
            "Adds n to Int32 values; see null.\n\nn: How many.\n\nreturns: The sum.",
            CSharpInspection.DocumentationText(xml, 1)
        );
    }

    [Theory]
    [InlineData("var x = 1;", Completeness.Complete, "")]
    [InlineData("", Completeness.Complete, "")]
    [InlineData("for (var i = 0; i < 3; i++) {", Completeness.Incomplete, "    ")]
    [InlineData("var s = \"\"\"\nopen", Completeness.Incomplete, "")]
    [InlineData("var x = ;", Completeness.Invalid, "")]
    public void Completeness_follows_the_parser(string code, Completeness expected, string indent)
    {
        var result = CSharpCompleteness.Check(code);
        Assert.Equal(expected, result.Status);
        Assert.Equal(indent, result.Indent);
    }
}
