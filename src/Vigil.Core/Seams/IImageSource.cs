using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>An opened image: its manifest facts and a way to stream each layer.</summary>
public interface IImage : IAsyncDisposable
{
    ImageInfo Info { get; }

    /// <summary>
    /// Streams layer <paramref name="index"/> as an uncompressed tar (gzip and zstd are undone by content, not by media type).
    /// The blob digest and the DiffID are checked as the stream is read: reading to the end of a blob whose bytes
    /// do not match throws <see cref="VigilException"/> with <see cref="ErrorKind.Integrity"/>.
    /// </summary>
    Task<Stream> OpenLayerAsync(int index, CancellationToken cancellationToken);
}

/// <summary>Where images come from: docker-archive, OCI layout, OCI archive, root filesystem, registry …</summary>
public interface IImageSource
{
    /// <summary>The kind shown in reports: docker-archive, oci-dir, oci-archive, rootfs, registry.</summary>
    string Kind { get; }

    /// <summary>The prefixes that select this source explicitly, e.g. "archive://", "docker-archive:".</summary>
    IReadOnlyList<string> Prefixes { get; }

    /// <summary>Whether a bare reference (no prefix) is this source's, judged by content for local paths.</summary>
    bool Recognizes(string reference);

    /// <summary>Opens the image; <paramref name="location"/> has the prefix removed.</summary>
    Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken);
}

/// <summary>Options shared by every image source; defaults serve the CLI and the library alike.</summary>
/// <param name="Platform">The platform to pick from an index; null means linux/amd64.</param>
/// <param name="MaxLayerBytes">The most uncompressed bytes one layer may expand to before it is refused as a bomb.</param>
/// <param name="MaxCompressionRatio">The most a layer may expand relative to its compressed size, checked past 64 MiB.</param>
public sealed record ImageOpenOptions(
    Platform? Platform = null,
    long MaxLayerBytes = 32L * 1024 * 1024 * 1024,
    double MaxCompressionRatio = 1000)
{
    public Platform EffectivePlatform => Platform ?? Model.Platform.Default;
}
