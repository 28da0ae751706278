using Vigil.Core.Model;
using Vigil.Images.Cache;
using Vigil.Images.Oci;

namespace Vigil.Images.Registry;

/// <summary>
/// One repository on one registry endpoint as a blob source, read through the shared blob cache.
/// Everything it returns from the network is verified (a wrong blob throws Integrity at its end);
/// everything in the cache was verified before it was stored.
/// </summary>
public sealed class RegistryBlobSource(RegistryClient client, RegistryEndpoint endpoint, string repository, BlobCache? cache) : IBlobSource
{
    public RegistryEndpoint Endpoint => endpoint;

    public string Repository => repository;

    public async Task<Stream> OpenBlobAsync(Digest digest, long? expectedSize, CancellationToken cancellationToken)
    {
        if (cache?.TryOpenRead(digest) is { } cached) return cached;
        return await client.OpenBlobAsync(endpoint, repository, digest, expectedSize, cache, cancellationToken);
    }

    public async Task<ManifestContent> GetManifestAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (cache?.TryOpenRead(digest) is { } cached)
        {
            await using (cached)
            {
                if (cached.Length <= RegistryClient.MaxManifestBytes)
                {
                    var bytes = new byte[cached.Length];
                    await cached.ReadExactlyAsync(bytes, cancellationToken);
                    return new ManifestContent(bytes, RegistryClient.JudgeMediaType(bytes, null, endpoint, repository, digest.ToString()));
                }
            }
        }
        var pulled = await client.GetManifestAsync(endpoint, repository, digest.ToString(), cancellationToken);
        cache?.TryPut(pulled.Digest, pulled.Content.Bytes.Span);
        return pulled.Content;
    }
}
