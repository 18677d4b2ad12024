namespace Segmentation.Kernel.Tests.Jupyter;

[Collection(JupyterCollection.Name)]
public sealed class JupyterClientTests(InstalledKernel kernel)
{
    [Fact]
    public void Jupyter_client_gets_info_executes_completes_inspects_interrupts_restarts_and_ignores_forged_messages()
    {
        var work = Directory.CreateDirectory(Path.Combine(kernel.Root, "client")).FullName;
        var script = Path.Combine(AppContext.BaseDirectory, "kernel_client_check.py");
        var (exitCode, output) = kernel.Run(
            InstalledKernel.Python,
            [script, "--work", work],
            work,
            TimeSpan.FromMinutes(10)
        );

        Assert.True(exitCode == 0, output);
        foreach (
            var check in new[]
            {
                "kernel_info",
                "execute",
                "complete",
                "inspect",
                "interrupt",
                "SIGINT interrupts",
                "restart",
                "bad signature ignored",
                "bad signature logged",
            }
        )
        {
            Assert.Contains($"ok {check}\n", output, StringComparison.Ordinal);
        }
    }
}
