using System.IO.Compression;
using ZstdSharp;

namespace Vigil.Images.Layers;

/// <summary>What a stream is compressed with, by its first bytes: media types lie, magic numbers do not.</summary>
internal static class CompressionMagic
{
    public const string Gzip = "gzip";
    public const string Zstd = "zstd";
    public const string Xz = "xz";
    public const string Bzip2 = "bzip2";

    /// <summary>Bytes needed to tell them apart.</summary>
    public const int Length = 6;

    public static string? Of(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) ? Gzip
        : head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]) ? Zstd
        : head.StartsWith((ReadOnlySpan<byte>)[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) ? Xz
        : head.StartsWith((ReadOnlySpan<byte>)[0x42, 0x5a, 0x68]) ? Bzip2
        : null;

    /// <summary>A decompressing reader of <paramref name="input"/> for gzip or zstd (the two OCI allows); owns <paramref name="input"/>.</summary>
    public static Stream Decoder(string compression, Stream input) => compression switch
    {
        Gzip => new GZipStream(input, CompressionMode.Decompress),
        Zstd => new DecompressionStream(input),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "only gzip and zstd are decoded"),
    };
}
