namespace Segmentation.Notebooks.Magics;

/// <summary>One <c>--option</c> of a magic command.</summary>
/// <param name="Name">The option as written, with its dashes (<c>--name</c>).</param>
/// <param name="TakesValue">False for a flag.</param>
/// <param name="Description">What it does (for <c>#!lsmagic</c> and the docs).</param>
public sealed record MagicOption(string Name, bool TakesValue, string Description);
