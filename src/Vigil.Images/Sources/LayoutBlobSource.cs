using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Oci;

namespace Vigil.Images.Sources;

/// <summary>Blobs of an OCI image layout (directory or tarball): <c>blobs/ALG/HEX</c>.</summary>
internal sealed class LayoutBlobSource(IArchiveFiles files) : IBlobSource
{
    /// <summary>Manifests are small JSON; a bigger "manifest" is refused rather than buffered.</summary>
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    public Task<Stream> OpenBlobAsync(Digest digest, long? expectedSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(files.Open(BlobPath(digest)));
    }

    public async Task<ManifestContent> GetManifestAsync(Digest digest, CancellationToken cancellationToken)
    {
        var path = BlobPath(digest);
        if (!files.Exists(path))
        {
            throw new VigilException(ErrorKind.NotFound, $"manifest {digest} is missing from {files.Location} ({path})",
                "the layout is incomplete; copy or export the image again");
        }
        if (files.Length(path) > MaxManifestBytes)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"manifest {digest} in {files.Location} is larger than {MaxManifestBytes} bytes", "this is not a normal manifest");
        }
        await using var s = files.Open(path);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
        return new ManifestContent(ms.ToArray(), null);
    }

    internal static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";
}
