using Xunit.Abstractions;
using Xunit.Sdk;

namespace Segmentation.Testing;

/// <summary>
/// Runs the cases of every test class in the order of their display names instead of xUnit's default order (by a hash
/// of each case): a theory over the walkthrough notebooks then runs 01, 02, … 07, so a notebook that continues another
/// (05 and 06 load the model 04 saved) finds what that one wrote, on a fresh clone too.
/// </summary>
public sealed class CaseOrder : ITestCaseOrderer
{
    /// <summary>The assembly-qualified pair the <c>TestCaseOrderer</c> attribute names.</summary>
    public const string TypeName = "Segmentation.Testing.CaseOrder";

    /// <inheritdoc />
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase => testCases.OrderBy(c => c.DisplayName, StringComparer.Ordinal);
}
