namespace Segmentation.Data.Cleaning;

/// <summary>The names of the two kinds of input, as recorded in the quarantine's <c>source</c> column and in
/// reports.</summary>
public static class Sources
{
    /// <summary>The transaction log.</summary>
    public const string Transactions = "transactions";

    /// <summary>The customer table.</summary>
    public const string Customers = "customers";

    /// <summary>A survey or form export joined to the customer table.</summary>
    public const string Survey = "survey";
}
