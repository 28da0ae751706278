using Vigil.Core;
using Vigil.Core.Seams;

namespace Vigil.Images.Layers;

/// <summary>The decompression-bomb rule for anything Vigil inflates (a layer, a compressed image tarball): a size cap and a ratio cap.</summary>
internal static class DecompressionLimits
{
    /// <summary>Below this many uncompressed bytes the ratio is not checked: tiny inputs of zeros compress absurdly well.</summary>
    public const long RatioCheckThreshold = 64L * 1024 * 1024;

    /// <summary>Throws InvalidInput naming <paramref name="what"/> when <paramref name="inflated"/> bytes from <paramref name="compressed"/> break a limit.</summary>
    public static void Check(string what, long inflated, long compressed, ImageOpenOptions options)
    {
        if (inflated > options.MaxLayerBytes)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{what} expands to more than {options.MaxLayerBytes} bytes, the limit for one layer; refused as a decompression bomb",
                "if it is genuine, raise the size limit (ImageOpenOptions.MaxLayerBytes)");
        }
        if (inflated > RatioCheckThreshold && inflated > options.MaxCompressionRatio * Math.Max(1, compressed))
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{what} expands more than {options.MaxCompressionRatio}:1 ({compressed} compressed bytes gave {inflated}); refused as a decompression bomb",
                "if it is genuine, raise the compression ratio limit (ImageOpenOptions.MaxCompressionRatio)");
        }
    }
}
