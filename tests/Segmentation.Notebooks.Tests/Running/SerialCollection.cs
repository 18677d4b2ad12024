namespace Segmentation.Notebooks.Tests.Running;

/// <summary>
/// Tests that change process-wide state (the current directory, which the runner sets to each
/// notebook's directory, and Console writers) run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Runner (process-wide state)";
}
