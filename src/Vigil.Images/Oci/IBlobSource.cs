using Vigil.Core.Model;

namespace Vigil.Images.Oci;

/// <summary>
/// Where an image's content-addressed objects come from: an OCI layout, a docker-save tarball, a registry,
/// the server's own store. Implementations return raw bytes; verification is the caller's (see <see cref="OciImageResolver"/>).
/// </summary>
public interface IBlobSource
{
    /// <summary>Opens a blob (config or layer) for streaming. Missing blobs throw VigilException(NotFound).</summary>
    Task<Stream> OpenBlobAsync(Digest digest, long? expectedSize, CancellationToken cancellationToken);

    /// <summary>
    /// Fetches a manifest or index by digest (a registry serves these from /manifests/, a layout from blobs/).
    /// Returns its bytes and the media type the source declared, if any.
    /// </summary>
    Task<ManifestContent> GetManifestAsync(Digest digest, CancellationToken cancellationToken);
}

/// <summary>Raw manifest bytes with the media type the transport declared (null when the transport has none).</summary>
public sealed record ManifestContent(ReadOnlyMemory<byte> Bytes, string? MediaType);
