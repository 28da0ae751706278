using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Oci;

namespace Vigil.Server.Storage;

/// <summary>One repository of the server's store as an <see cref="IBlobSource"/>, so the scan pipeline reads images the way it reads any other source.</summary>
public sealed class StoreBlobSource(RegistryStore store, string repository) : IBlobSource
{
    public async Task<Stream> OpenBlobAsync(Digest digest, long? expectedSize, CancellationToken cancellationToken)
    {
        if (await store.GetBlobAsync(repository, digest, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new VigilException(ErrorKind.NotFound, $"blob {digest} is not in {repository}");
        }
        return store.Blobs.OpenRead(digest);
    }

    public async Task<ManifestContent> GetManifestAsync(Digest digest, CancellationToken cancellationToken)
    {
        var m = await store.GetManifestAsync(repository, digest.ToString(), cancellationToken).ConfigureAwait(false)
            ?? throw new VigilException(ErrorKind.NotFound, $"manifest {digest} is not in {repository}");
        var bytes = await File.ReadAllBytesAsync(store.Blobs.PathOf(digest), cancellationToken).ConfigureAwait(false);
        return new ManifestContent(bytes, m.MediaType);
    }
}
