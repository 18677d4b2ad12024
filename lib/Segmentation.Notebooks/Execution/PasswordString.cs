namespace Segmentation.Notebooks.Execution;

/// <summary>A password typed by the user (<c>Kernel.GetPasswordAsync</c>, <c>@password:</c>): shown masked, read with
/// <see cref="GetClearTextPassword"/>.</summary>
public sealed class PasswordString(string password)
{
    /// <summary>The password as typed.</summary>
    public string GetClearTextPassword() => password;

    /// <summary>A mask, so displaying the value does not show it.</summary>
    public override string ToString() => "************";
}
