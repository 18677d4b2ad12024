using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Segmentation.Notebooks.Execution;

/// <summary>Facts about assembly files read without loading them.</summary>
internal static class AssemblyFiles
{
    /// <summary>The module version id (changes whenever the compiled content changes).</summary>
    public static Guid Mvid(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    /// <summary>
    /// Copies an assembly (and its .pdb) into <c>{root}/{name}/{mvid}/</c> unless that copy exists, so
    /// a loaded assembly's file is never overwritten by a later build.
    /// </summary>
    public static string Snapshot(string path, string root)
    {
        var target = Path.Combine(root, Path.GetFileNameWithoutExtension(path), Mvid(path).ToString("N"));
        var copy = Path.Combine(target, Path.GetFileName(path));
        if (File.Exists(copy))
            return copy;
        var staging =
            target + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(staging);
        File.Copy(path, Path.Combine(staging, Path.GetFileName(path)), overwrite: true);
        var pdb = Path.ChangeExtension(path, ".pdb");
        if (File.Exists(pdb))
            File.Copy(pdb, Path.Combine(staging, Path.GetFileName(pdb)), overwrite: true);
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (File.Exists(copy))
        {
            Directory.Delete(staging, recursive: true);
        }
        return copy;
    }
}
