using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Cache;
using Vigil.Images.Oci;

namespace Vigil.Images.Registry;

/// <summary>
/// Images pulled from an OCI/Docker registry: <c>registry://REF</c>, <c>docker://REF</c>, or a bare reference
/// such as <c>alpine</c>, <c>HOST:PORT/REPO:TAG</c> or <c>REPO@sha256:…</c> that is not a local path.
/// </summary>
public sealed class RegistrySource : IImageSource
{
    private readonly Lazy<RegistryClient> _client;
    private readonly Lazy<BlobCache?> _cache;

    public RegistrySource(RegistryOptions? options = null)
    {
        Options = options ?? RegistryOptions.Default;
        _client = new Lazy<RegistryClient>(() => new RegistryClient(Options));
        _cache = new Lazy<BlobCache?>(() => Options.CacheMaxBytes > 0 ? new BlobCache(Options.EffectiveCacheDirectory, Options.CacheMaxBytes) : null);
    }

    /// <summary>Uses a client of the caller's (tests inject handlers, the server shares one).</summary>
    public RegistrySource(RegistryClient client, BlobCache? cache)
    {
        Options = client.Options;
        _client = new Lazy<RegistryClient>(client);
        _cache = new Lazy<BlobCache?>(cache);
    }

    public RegistryOptions Options { get; }

    public string Kind => "registry";

    public IReadOnlyList<string> Prefixes { get; } = ["registry://", "docker://"];

    public bool Recognizes(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || File.Exists(reference) || Directory.Exists(reference)) return false;
        if (LooksLikePath(reference)) return false;
        return RegistryReference.TryParse(reference, out _);
    }

    public async Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var (blobs, top) = await ResolveAsync(location, cancellationToken);
        var parsed = RegistryReference.Parse(location);
        return await OciImageResolver.ResolveAsync(reference, parsed.FamiliarString, Kind, blobs, top.Content, top.Digest, options, cancellationToken);
    }

    /// <summary>
    /// Finds the reference's top manifest or index (trying docker.io's mirrors first) and the blob source to read the rest from.
    /// </summary>
    public async Task<(RegistryBlobSource Blobs, PulledManifest Top)> ResolveAsync(string location, CancellationToken cancellationToken)
    {
        var parsed = RegistryReference.Parse(location);
        var client = _client.Value;
        var endpoints = await client.EndpointsAsync(parsed, cancellationToken);
        if (parsed.Digest is { } pinned && _cache.Value?.TryOpenRead(pinned) is { } cached)
        {
            // A digest names immutable content: a verified copy in the cache is as good as the registry's, and works offline.
            await using (cached)
            {
                if (cached.Length <= RegistryClient.MaxManifestBytes)
                {
                    var bytes = new byte[cached.Length];
                    await cached.ReadExactlyAsync(bytes, cancellationToken);
                    var mediaType = RegistryClient.JudgeMediaType(bytes, null, endpoints[0], parsed.Repository, pinned.ToString());
                    return (new RegistryBlobSource(client, endpoints[0], parsed.Repository, _cache.Value), new PulledManifest(new Oci.ManifestContent(bytes, mediaType), pinned));
                }
            }
        }
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            try
            {
                var top = await client.GetManifestAsync(endpoint, parsed.Repository, parsed.ManifestReference, cancellationToken);
                _cache.Value?.TryPut(top.Digest, top.Content.Bytes.Span);
                return (new RegistryBlobSource(client, endpoint, parsed.Repository, _cache.Value), top);
            }
            catch (VigilException e) when (endpoint.IsMirror && i < endpoints.Count - 1 && e.Kind is not ErrorKind.Integrity and not ErrorKind.Unsupported)
            {
                // A mirror that lacks the image or is down is not an error as long as Docker Hub itself answers.
            }
        }
        throw new InvalidOperationException("unreachable: the last endpoint rethrows");
    }

    private static bool LooksLikePath(string text) =>
        text.StartsWith('/') || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal) ||
        text.StartsWith('~') || text.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ||
        text.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.Contains('\\', StringComparison.Ordinal);
}
