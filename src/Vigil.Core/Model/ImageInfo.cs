namespace Vigil.Core.Model;

/// <summary>What was scanned: the reference as given, the resolved digests, and the layers in order.</summary>
/// <param name="Reference">The reference as the user wrote it.</param>
/// <param name="Name">A display name: repository:tag, or the file name of an archive.</param>
/// <param name="ManifestDigest">The image manifest's digest (null for a root filesystem).</param>
/// <param name="IndexDigest">The index/manifest-list digest the image was picked from, when there was one.</param>
public sealed record ImageInfo(
    string Reference,
    string Name,
    string SourceKind,
    Digest? ManifestDigest,
    Digest? IndexDigest,
    Digest? ConfigDigest,
    Platform? Platform,
    IReadOnlyList<LayerInfo> Layers);

/// <summary>One layer of an image.</summary>
/// <param name="Digest">The blob digest (compressed, as in the manifest).</param>
/// <param name="DiffId">The digest of the uncompressed tar (config rootfs.diff_ids).</param>
/// <param name="CreatedBy">The history line that made it, when the config has one.</param>
public sealed record LayerInfo(int Index, Digest Digest, Digest DiffId, string MediaType, long Size, string? CreatedBy);
