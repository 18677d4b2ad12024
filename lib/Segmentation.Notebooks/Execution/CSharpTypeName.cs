namespace Segmentation.Notebooks.Execution;

/// <summary>How C# source names a runtime type, for the declarations that <c>#!set</c> and <c>#!share</c>
/// compile.</summary>
internal static class CSharpTypeName
{
    /// <summary><c>global::</c>-qualified name; <c>object</c> for types source cannot name (anonymous, script-defined,
    /// non-public).</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsVisible || type.FullName is not { } fullName || fullName.Contains('#', StringComparison.Ordinal))
            return "object";
        if (type.IsArray)
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (!type.IsGenericType)
            return "global::" + fullName.Replace('+', '.');
        var definition = type.GetGenericTypeDefinition().FullName!;
        if (definition.Count(c => c == '`') != 1 || definition.Contains('+', StringComparison.Ordinal))
            return "object";
        var arguments = type.GetGenericArguments().Select(Of).ToList();
        return arguments.Contains("object") && type.GetGenericArguments().Any(a => a != typeof(object))
            ? "object"
            : "global::"
                + definition[..definition.IndexOf('`', StringComparison.Ordinal)]
                + "<"
                + string.Join(", ", arguments)
                + ">";
    }
}
