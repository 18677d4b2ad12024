namespace Segmentation.Data.Generation;

/// <summary>Column layout of the simulated transaction file.</summary>
public enum TransactionLayout
{
    /// <summary>The workspace schema (<see cref="TransactionColumns.All"/>), ISO timestamps.</summary>
    Workspace,

    /// <summary>The UCI Online Retail layout: InvoiceNo, StockCode, Description, Quantity, InvoiceDate (M/d/yyyy H:mm),
    /// UnitPrice, CustomerID, Country.</summary>
    OnlineRetail,
}
