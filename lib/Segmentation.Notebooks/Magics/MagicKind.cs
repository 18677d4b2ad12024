namespace Segmentation.Notebooks.Magics;

/// <summary>What a magic command does to the lines after it.</summary>
public enum MagicKind
{
    /// <summary>Names the language of the lines that follow (<c>#!csharp</c>, <c>#!sql</c>, <c>#!value</c>, …), up to
    /// the next such line.</summary>
    Language,

    /// <summary>Does something before the code of its part runs (<c>#!set</c>, <c>#!who</c>, <c>#!time</c>,
    /// …).</summary>
    Directive,

    /// <summary>A C# script directive with one quoted argument (<c>#r</c>, <c>#i</c>), kept in C# parts.</summary>
    ScriptDirective,
}
