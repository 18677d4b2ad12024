using System.Runtime.InteropServices;

namespace Segmentation.Data.Loading;

/// <summary>
/// Large zeroed arrays that ask Linux for transparent huge pages before their memory is first touched: on virtual
/// machines that back memory lazily, faulting in 2 MiB pages instead of 4 KiB ones makes a large table about ten
/// times cheaper to fill, and random look-ups miss the TLB less. Elsewhere (or when refused) it is an ordinary array.
/// </summary>
internal static partial class LargeArrays
{
    private const int HugePageAdvice = 14;
    private const long HugePage = 2L << 20;

    /// <summary>A zeroed array of <paramref name="length"/> elements (pinned, so the advice keeps applying).</summary>
    public static ulong[] Zeroed(long length)
    {
        var array = GC.AllocateUninitializedArray<ulong>(checked((int)length), pinned: true);
        var bytes = length * sizeof(ulong);
        if (OperatingSystem.IsLinux() && bytes >= 2 * HugePage)
        {
            var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
            var aligned = (start + HugePage - 1) & ~(HugePage - 1);
            var end = (start + bytes) & ~(HugePage - 1);
            if (end > aligned)
                _ = NativeMethods.Advise((nint)aligned, (nuint)(end - aligned), HugePageAdvice);
        }
        array.AsSpan().Clear();
        return array;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "madvise")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Advise(nint address, nuint length, int advice);
    }
}
