[assembly: Xunit.TestCaseOrderer(Segmentation.Testing.CaseOrder.TypeName, "Segmentation.Notebooks.Tests")]
