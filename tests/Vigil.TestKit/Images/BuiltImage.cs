using Vigil.Core.Model;

namespace Vigil.TestKit.Images;

/// <summary>One built layer: its blob (as compressed) and its tar (uncompressed) in the builder's staging folder.</summary>
/// <param name="TruncatedTo">Set when the builder was told to truncate this layer: the stored bytes stop there.</param>
public sealed record BuiltLayer(Digest Digest, Digest DiffId, long Size, string MediaType, string BlobPath, string TarPath, long? TruncatedTo = null);

/// <summary>
/// A built image: manifest and config bytes and layer files, ready to be written in any layout. The digests are
/// the ones written into the documents, so a test can assert what a source reports.
/// </summary>
public sealed record BuiltImage(
    byte[] ManifestBytes,
    Digest ManifestDigest,
    string ManifestMediaType,
    byte[] ConfigBytes,
    Digest ConfigDigest,
    Platform Platform,
    IReadOnlyList<BuiltLayer> Layers)
{
    /// <summary>Every blob this image needs in a layout, by the digest it is stored under.</summary>
    public IEnumerable<(Digest Digest, Func<Stream> Open)> Blobs()
    {
        yield return (ManifestDigest, () => new MemoryStream(ManifestBytes, writable: false));
        yield return (ConfigDigest, () => new MemoryStream(ConfigBytes, writable: false));
        foreach (var l in Layers) yield return (l.Digest, () => File.OpenRead(l.BlobPath));
    }
}
