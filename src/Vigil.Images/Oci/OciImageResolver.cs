using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Images.Oci;

/// <summary>
/// Turns a top-level manifest or index into an <see cref="IImage"/>: picks the platform from an index
/// (a missing platform is an error listing the ones there are), reads and verifies the config, and
/// streams each layer from the blob source decompressed by content and verified by digest and DiffID.
/// Shared by every source: docker-archive, OCI layout/archive, registry pull, and the server's store.
/// </summary>
public static class OciImageResolver
{
    public static Task<IImage> ResolveAsync(
        string reference,
        string name,
        string sourceKind,
        IBlobSource blobs,
        ManifestContent top,
        Digest topDigest,
        ImageOpenOptions options,
        CancellationToken cancellationToken)
    {
        throw new NotImplementedException("OciImageResolver is being written (images work).");
    }
}
