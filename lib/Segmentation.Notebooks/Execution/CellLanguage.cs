namespace Segmentation.Notebooks.Execution;

/// <summary>What a part of a cell is written in, chosen by a language magic (<c>#!sql</c>, <c>#!html</c>, …; C#
/// otherwise).</summary>
public enum CellLanguage
{
    /// <summary>C# script (the default; <c>#!csharp</c> or <c>#!c#</c> may say so explicitly).</summary>
    CSharp,

    /// <summary>SQL on the session's DuckDB database (<c>#!sql</c>).</summary>
    Sql,

    /// <summary>Markdown rendered as an output (<c>#!markdown</c>).</summary>
    Markdown,

    /// <summary>HTML shown as it is (<c>#!html</c>).</summary>
    Html,

    /// <summary>JavaScript sent to the frontend, which runs it (<c>#!javascript</c>, <c>#!js</c>).</summary>
    JavaScript,

    /// <summary>A Mermaid diagram, drawn offline with an embedded mermaid.js (<c>#!mermaid</c>).</summary>
    Mermaid,

    /// <summary>Text stored as a value for <c>#!share</c> and <c>#!set</c> (<c>#!value</c>).</summary>
    Value,
}
