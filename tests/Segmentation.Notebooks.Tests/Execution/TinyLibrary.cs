using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Segmentation.Notebooks.Tests.Execution;

/// <summary>Small libraries compiled on the fly for the reference and package tests.</summary>
internal static class TinyLibrary
{
    /// <summary>Compiles <paramref name="source"/> into the library <paramref name="name"/> against the runtime's core
    /// assemblies alone and writes it to <paramref name="output"/>; fails the test unless it compiled.</summary>
    public static void Compile(string name, string source, Stream output)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            trusted
                .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
                .Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        );
        var emitted = compilation.Emit(output);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
    }
}
