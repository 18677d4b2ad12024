namespace Segmentation.Notebooks.Execution;

/// <summary>What a cell is written in, chosen by its first line (<c>#!sql</c>, <c>#!markdown</c>; C# otherwise).</summary>
public enum CellLanguage
{
    /// <summary>C# script (the default; <c>#!csharp</c> or <c>#!c#</c> may say so explicitly).</summary>
    CSharp,

    /// <summary>SQL on the session's DuckDB database (<c>#!sql</c>).</summary>
    Sql,

    /// <summary>Markdown rendered as an output (<c>#!markdown</c>).</summary>
    Markdown,
}
