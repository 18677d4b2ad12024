[assembly: Xunit.TestCaseOrderer(Segmentation.Testing.CaseOrder.TypeName, "Segmentation.Kernel.Tests")]
