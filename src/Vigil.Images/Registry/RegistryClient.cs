using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Cache;
using Vigil.Images.Oci;

namespace Vigil.Images.Registry;

/// <summary>A manifest as pulled: its bytes, the media type it was judged to have, and its verified digest.</summary>
public sealed record PulledManifest(ManifestContent Content, Digest Digest);

/// <summary>
/// An OCI Distribution client that pulls like docker: manifest negotiation (OCI, Docker v2, lists; schema 1 refused),
/// Basic and Bearer-token auth, retries, plain HTTP only where allowed. Every manifest and blob is digest-verified.
/// Thread-safe; one instance serves many pulls.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    /// <summary>Manifests larger than this are refused; the distribution spec lets registries stop at 4 MiB.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    private readonly RegistryOptions _options;
    private readonly RegistryHttp _http;
    private readonly RegistryAuthenticator _auth;
    private readonly ConcurrentDictionary<string, Task<Uri>> _schemes = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="handler">A message handler to use instead of SocketsHttpHandler (for tests); not disposed.</param>
    public RegistryClient(RegistryOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? RegistryOptions.Default;
        _http = new RegistryHttp(_options, handler);
        _auth = new RegistryAuthenticator(_http, new CredentialStore(_options));
    }

    public RegistryOptions Options => _options;

    /// <summary>The endpoints to try for a reference, in order: docker.io's mirrors first, then the registry itself.</summary>
    public async Task<IReadOnlyList<RegistryEndpoint>> EndpointsAsync(RegistryReference reference, CancellationToken cancellationToken)
    {
        var list = new List<RegistryEndpoint>();
        if (reference.IsDockerHub)
        {
            foreach (var mirror in _options.Mirrors ?? [])
            {
                var uri = MirrorUri(mirror);
                var domain = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
                if (uri.Scheme == Uri.UriSchemeHttp && !_http.AllowsPlainHttp(domain))
                    throw new VigilException(ErrorKind.Usage, $"registry mirror {mirror} is plain HTTP but {domain} is not an insecure registry",
                        $"use https, or also pass --insecure-registry {domain}");
                list.Add(new RegistryEndpoint(domain, uri, IsMirror: true));
            }
            list.Add(new RegistryEndpoint(RegistryReference.DockerHubDomain, new Uri($"https://{RegistryReference.DockerHubApiHost}/")));
            return list;
        }
        var scheme = await _schemes.GetOrAdd(reference.Domain, d => _http.ProbeSchemeAsync(d, CancellationToken.None)).WaitAsync(cancellationToken);
        list.Add(new RegistryEndpoint(reference.Domain, scheme));
        return list;
    }

    /// <summary>
    /// Fetches a manifest or index by tag or digest and verifies it: against the digest asked for, else against
    /// Docker-Content-Digest when the registry sends one. Schema 1 is refused.
    /// </summary>
    public async Task<PulledManifest> GetManifestAsync(RegistryEndpoint endpoint, string repository, string reference, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoint.BaseUri, $"v2/{repository}/manifests/{reference}");
        var what = $"manifest {reference}";
        using var response = await SendAsync(endpoint, repository, () =>
        {
            var r = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var type in ManifestMediaTypes.Accepted) r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return r;
        }, what, cancellationToken);

        var length = response.Content.Headers.ContentLength;
        if (length > MaxManifestBytes)
            throw new VigilException(ErrorKind.InvalidInput, $"registry {endpoint}: {what} in {repository} is {length} bytes, over the {MaxManifestBytes}-byte limit",
                "this is not an image manifest Vigil can read");
        var bytes = await ReadLimitedAsync(response, endpoint, repository, what, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;

        var digest = VerifyManifestDigest(bytes, reference, response.Headers, endpoint, repository);
        mediaType = JudgeMediaType(bytes, mediaType, endpoint, repository, reference);
        return new PulledManifest(new ManifestContent(bytes, mediaType), digest);
    }

    /// <summary>
    /// Streams a blob, verified as it is read (see <see cref="IImage.OpenLayerAsync"/>): reading to the end of a
    /// wrong blob throws Integrity. A broken connection resumes with a Range request. With a cache, the blob is
    /// written there too and appears only once verified.
    /// </summary>
    public async Task<Stream> OpenBlobAsync(RegistryEndpoint endpoint, string repository, Digest digest, long? expectedSize, BlobCache? cache,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoint.BaseUri, $"v2/{repository}/blobs/{digest}");
        var what = $"blob {digest} from {endpoint}/{repository}";

        async Task<HttpResponseMessage> Open(long offset, CancellationToken ct)
        {
            var response = await SendAsync(endpoint, repository, () =>
            {
                var r = new HttpRequestMessage(HttpMethod.Get, uri);
                if (offset > 0) r.Headers.Range = new RangeHeaderValue(offset, null);
                return r;
            }, $"blob {digest}", ct);
            return response;
        }

        var tee = cache is { MaxBytes: > 0 } ? cache.BeginWrite(digest) : null;
        try
        {
            return await RegistryBlobStream.OpenAsync(digest, expectedSize, Open, _options.Retry, tee, what, cancellationToken);
        }
        catch
        {
            tee?.Dispose();
            throw;
        }
    }

    /// <summary>Sends with auth: answers one challenge per request, then reports refusal; non-2xx answers become errors.</summary>
    private async Task<HttpResponseMessage> SendAsync(RegistryEndpoint endpoint, string repository, Func<HttpRequestMessage> build, string what,
        CancellationToken cancellationToken)
    {
        var scope = $"repository:{repository}:pull";
        var client = _http.ClientFor(endpoint);
        var authenticated = false;
        while (true)
        {
            var response = await _http.SendAsync(client, () =>
            {
                var r = build();
                if (_auth.HeaderFor(endpoint, scope) is { } header) r.Headers.Authorization = header;
                return r;
            }, $"registry {endpoint}", cancellationToken);

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var challenge = AuthChallenge.From(response.Headers);
                response.Dispose();
                if (authenticated || challenge is null)
                {
                    var credential = await _auth.CredentialAsync(endpoint, cancellationToken);
                    throw RegistryFailures.Unauthorized(endpoint, repository, credential, authenticated ? "the credentials or token were refused" : null);
                }
                await _auth.AuthenticateAsync(endpoint, repository, challenge, scope, cancellationToken);
                authenticated = true;
                continue;
            }
            if (response.IsSuccessStatusCode) return response;
            try
            {
                throw await RegistryFailures.FromResponseAsync(response, endpoint, repository, what, cancellationToken);
            }
            finally
            {
                response.Dispose();
            }
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, RegistryEndpoint endpoint, string repository, string what, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        try
        {
            int n;
            while ((n = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxManifestBytes)
                    throw new VigilException(ErrorKind.InvalidInput, $"registry {endpoint}: {what} in {repository} is over the {MaxManifestBytes}-byte limit",
                        "this is not an image manifest Vigil can read");
            }
        }
        catch (Exception e) when (RegistryHttp.IsTransient(e, cancellationToken))
        {
            throw new VigilException(ErrorKind.Network, $"registry {endpoint}: the connection broke while reading {what} from {repository}: {RegistryHttp.Describe(e)}",
                "try again", e);
        }
        return buffer.ToArray();
    }

    private static Digest VerifyManifestDigest(byte[] bytes, string reference, HttpResponseHeaders headers, RegistryEndpoint endpoint, string repository)
    {
        Digest? expected = Digest.TryParse(reference, out var asked) ? asked : null;
        var header = headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        Digest? claimed = Digest.TryParse(header, out var c) ? c : null;

        var check = expected ?? claimed ?? default;
        var algorithm = check.Algorithm ?? "sha256";
        var actual = Hash(algorithm, bytes);
        if (expected is { } e && actual != e)
            throw new VigilException(ErrorKind.Integrity,
                $"registry {endpoint} served manifest {e} of {repository} with content that hashes to {actual}; refused, nothing cached",
                "the registry or something between it and you altered the manifest; do not trust this source");
        if (claimed is { } cl && (cl.Algorithm == actual.Algorithm ? cl != actual : cl != Hash(cl.Algorithm, bytes)))
            throw new VigilException(ErrorKind.Integrity,
                $"registry {endpoint} sent manifest {reference} of {repository} with Docker-Content-Digest {cl}, but its content hashes to {Hash(cl.Algorithm, bytes)}; refused",
                "the registry or something between it and you altered the manifest; do not trust this source");
        // An index or manifest is named by its sha256 unless it was asked for by another algorithm.
        return expected ?? (actual.Algorithm == "sha256" ? actual : Hash("sha256", bytes));
    }

    private static Digest Hash(string algorithm, byte[] bytes) => algorithm switch
    {
        "sha512" => new Digest("sha512", Convert.ToHexStringLower(SHA512.HashData(bytes))),
        _ => Digest.Sha256(bytes),
    };

    internal static string JudgeMediaType(byte[] bytes, string? declared, RegistryEndpoint endpoint, string repository, string reference)
    {
        ManifestProbe? probe;
        try
        {
            probe = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.ManifestProbe);
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"registry {endpoint}: manifest {reference} of {repository} is not JSON: {e.Message}",
                "the registry serves something that is not an image manifest", e);
        }
        if (ManifestMediaTypes.IsSchema1(declared) || probe?.SchemaVersion == 1 || probe?.FsLayers is not null)
            throw new VigilException(ErrorKind.Unsupported,
                $"registry {endpoint}: {repository}:{reference} is a Docker schema 1 manifest, a format deprecated since 2017 that Vigil does not read",
                $"re-push the image with a current client (e.g. skopeo copy docker://{endpoint.Domain}/{repository}:{reference} docker://… --format v2s2), which converts it to schema 2");
        if (declared is ManifestMediaTypes.OciIndex or ManifestMediaTypes.OciManifest or ManifestMediaTypes.DockerManifest or ManifestMediaTypes.DockerManifestList)
            return declared;
        if (!string.IsNullOrEmpty(probe?.MediaType)) return probe.MediaType;
        if (probe?.Manifests is not null) return ManifestMediaTypes.OciIndex;
        if (probe?.Layers is not null) return ManifestMediaTypes.OciManifest;
        throw new VigilException(ErrorKind.Unsupported,
            $"registry {endpoint}: {repository}:{reference} has media type '{declared}' and is neither an image manifest nor an index",
            "Vigil scans container images; this reference names another kind of artifact");
    }

    private static Uri MirrorUri(string mirror)
    {
        var text = mirror.Contains("://", StringComparison.Ordinal) ? mirror : "https://" + mirror;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new VigilException(ErrorKind.Usage, $"'{mirror}' is not a registry mirror URL", "write it as https://HOST[:PORT]");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public void Dispose() => _http.Dispose();
}
