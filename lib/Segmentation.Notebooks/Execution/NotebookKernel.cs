namespace Segmentation.Notebooks.Execution;

/// <summary>
/// <c>Kernel</c> in cells: asks the user for input through the frontend (Jupyter's stdin channel,
/// <c>input_request</c>), as .NET Interactive's <c>Kernel.GetInputAsync</c> and <c>Kernel.GetPasswordAsync</c> do.
/// </summary>
public sealed class NotebookKernel
{
    private readonly NotebookSession session;

    internal NotebookKernel(NotebookSession session) => this.session = session;

    /// <summary>Asks for one line of text; <paramref name="isPassword"/> masks it in the frontend.</summary>
    /// <exception cref="InvalidOperationException">The notebook runs without a frontend that takes input.</exception>
    public Task<string> GetInputAsync(string prompt = "", bool isPassword = false) =>
        Task.FromResult(session.ReadInput(prompt, isPassword));

    /// <summary>Asks for a password (masked in the frontend).</summary>
    /// <exception cref="InvalidOperationException">The notebook runs without a frontend that takes input.</exception>
    public Task<PasswordString> GetPasswordAsync(string prompt = "") =>
        Task.FromResult(new PasswordString(session.ReadInput(prompt, password: true)));
}
