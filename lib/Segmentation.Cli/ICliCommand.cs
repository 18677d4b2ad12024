using System.CommandLine;

namespace Segmentation.Cli;

/// <summary>One `seg` sub-command. Implementations are discovered by <see cref="Program"/>; add a class, not a
/// registration line.</summary>
internal interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command with its options and action.</summary>
    Command Create();
}
