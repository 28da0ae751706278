using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Cache;
using Vigil.Images.Registry;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>Each fault a registry can commit, from a real HTTP server on 127.0.0.1 built to commit it.</summary>
public sealed class RegistryFaultTests : IDisposable
{
    private readonly FaultyRegistryImage _image = new();
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("vigil-fault-cache-").FullName;
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public void Dispose()
    {
        _image.Dispose();
        Directory.Delete(_cacheDir, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RegistryOptions Options() => new(CacheDirectory: _cacheDir, DockerConfigPath: "/nonexistent/config.json")
    {
        Environment = _ => null,
        Retry = new RetryPolicy(MaxAttempts: 4) { Delay = (d, _) => { _delays.Enqueue(d); return Task.CompletedTask; } },
    };

    private (RegistrySource Source, BlobCache Cache, RegistryClient Client) Source(RegistryOptions? options = null)
    {
        var o = options ?? Options();
        var client = new RegistryClient(o);
        var cache = new BlobCache(_cacheDir, o.CacheMaxBytes);
        return (new RegistrySource(client, cache), cache, client);
    }

    private static string Ref(LoopbackServer server, string reference = "1") =>
        $"{server.Authority}/{FaultyRegistryImage.Repository}" + (reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + reference;

    private static async Task<byte[]> ReadAll(Stream s)
    {
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, Ct);
        return ms.ToArray();
    }

    [Fact]
    public async Task A_401_without_credentials_names_the_registry_and_how_to_log_in()
    {
        await using var server = await LoopbackServer.AnsweringAsync(401, Ct, ("WWW-Authenticate", "Basic realm=\"faulty\""));
        var (source, _, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server), Ct));
        Assert.Equal(ErrorKind.Unauthorized, e.Kind);
        Assert.Contains(server.Authority, e.Message, StringComparison.Ordinal);
        Assert.Contains(FaultyRegistryImage.Repository, e.Message, StringComparison.Ordinal);
        Assert.Contains("without credentials", e.Message, StringComparison.Ordinal);
        Assert.Contains($"docker login {server.Authority}", e.Hint, StringComparison.Ordinal);
        Assert.Contains("--password-stdin", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_credentials_say_where_they_came_from()
    {
        await using var server = await LoopbackServer.AnsweringAsync(401, Ct, ("WWW-Authenticate", "Basic realm=\"faulty\""));
        var (source, _, _) = Source(Options() with { Username = "who", Password = "wrong" });
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server), Ct));
        Assert.Equal(ErrorKind.Unauthorized, e.Kind);
        Assert.Contains("--username", e.Message, StringComparison.Ordinal);
        // One anonymous try, one with the credentials: refused credentials are not hammered.
        Assert.Equal(2, server.Requests.Count);
        Assert.StartsWith("Basic ", server.Requests.Last().Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_manifest_is_NotFound_with_the_registry_error()
    {
        await using var server = await LoopbackServer.StartAsync(_image.ServeAsync, Ct);
        var (source, _, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server, "nope"), Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("manifest nope", e.Message, StringComparison.Ordinal);
        Assert.Contains("MANIFEST_UNKNOWN", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.Authority, e.Message, StringComparison.Ordinal);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_Retry_After_asks()
    {
        var manifestHits = 0;
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            if (c.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal) && Interlocked.Increment(ref manifestHits) <= 2)
            {
                c.Response.StatusCode = 429;
                c.Response.Headers.RetryAfter = "7";
                return Task.CompletedTask;
            }
            return _image.ServeAsync(c);
        }, Ct);
        var (source, _, _) = Source();
        var (_, top) = await source.ResolveAsync(Ref(server), Ct);
        Assert.Equal(_image.Image.ManifestDigest, top.Digest);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _delays);
        Assert.Equal(3, server.RequestLines.Count(l => l.Contains("/manifests/1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_registry_that_keeps_failing_is_a_Network_error_after_the_policy_runs_out()
    {
        await using var server = await LoopbackServer.AnsweringAsync(503, Ct);
        var (source, _, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server), Ct));
        Assert.Equal(ErrorKind.Network, e.Kind);
        Assert.Contains("503", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, _delays.Count);
        // Exponential backoff: each wait (jitter aside) longer than the last.
        var d = _delays.ToArray();
        Assert.True(d[0] < d[2], $"backoff should grow: {string.Join(", ", d)}");
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_limit_fails_at_once()
    {
        await using var server = await LoopbackServer.AnsweringAsync(429, Ct, ("Retry-After", "3600"));
        var (source, _, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server), Ct));
        Assert.Equal(ErrorKind.Network, e.Kind);
        Assert.Contains("3600", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task A_connection_reset_mid_blob_resumes_with_a_range_request()
    {
        var layer = _image.LayerBytes;
        var blobHits = 0;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.Value!.EndsWith(_image.Layer.ToString(), StringComparison.Ordinal) && Interlocked.Increment(ref blobHits) == 1)
            {
                c.Response.ContentLength = layer.Length;
                await c.Response.Body.WriteAsync(layer.AsMemory(0, layer.Length / 2));
                await c.Response.Body.FlushAsync();
                // A reset drops bytes the client has not read yet; give it the first half before breaking the connection.
                await Task.Delay(500);
                c.Abort();
                return;
            }
            await _image.ServeAsync(c);
        }, Ct);
        var (source, cache, _) = Source();
        var (blobs, _) = await source.ResolveAsync(Ref(server), Ct);
        await using (var stream = await blobs.OpenBlobAsync(_image.Layer, layer.Length, Ct))
        {
            Assert.Equal(layer, await ReadAll(stream));
        }
        var blobRequests = server.Requests.Where(r => r.PathAndQuery.Contains("/blobs/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, blobRequests.Count);
        Assert.Equal("", blobRequests[0].Range);
        Assert.StartsWith("bytes=", blobRequests[1].Range, StringComparison.Ordinal);
        Assert.NotEqual("bytes=0-", blobRequests[1].Range);
        Assert.Single(_delays);
        Assert.True(cache.Contains(_image.Layer));
    }

    [Fact]
    public async Task A_reset_against_a_registry_without_ranges_restarts_and_still_verifies()
    {
        var layer = _image.LayerBytes;
        var blobHits = 0;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (!c.Request.Path.Value!.EndsWith(_image.Layer.ToString(), StringComparison.Ordinal)) { await _image.ServeAsync(c); return; }
            c.Response.ContentLength = layer.Length;
            if (Interlocked.Increment(ref blobHits) == 1)
            {
                await c.Response.Body.WriteAsync(layer.AsMemory(0, layer.Length / 3));
                await c.Response.Body.FlushAsync();
                c.Abort();
                return;
            }
            await c.Response.Body.WriteAsync(layer);
        }, Ct);
        var (source, _, _) = Source();
        var (blobs, _) = await source.ResolveAsync(Ref(server), Ct);
        await using var stream = await blobs.OpenBlobAsync(_image.Layer, layer.Length, Ct);
        Assert.Equal(layer, await ReadAll(stream));
    }

    [Fact]
    public async Task A_blob_with_the_wrong_digest_is_refused_and_nothing_is_cached()
    {
        var tampered = _image.LayerBytes;
        tampered[^20] ^= 0xff;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.Value!.EndsWith(_image.Layer.ToString(), StringComparison.Ordinal)) { await FaultyRegistryImage.ServeBytesAsync(c, tampered); return; }
            await _image.ServeAsync(c);
        }, Ct);
        var (source, cache, _) = Source();
        var (blobs, _) = await source.ResolveAsync(Ref(server), Ct);
        await using (var stream = await blobs.OpenBlobAsync(_image.Layer, tampered.Length, Ct))
        {
            var e = await Assert.ThrowsAsync<VigilException>(() => ReadAll(stream));
            Assert.Equal(ErrorKind.Integrity, e.Kind);
            Assert.Contains(_image.Layer.ToString(), e.Message, StringComparison.Ordinal);
            Assert.Contains(server.Authority, e.Message, StringComparison.Ordinal);
        }
        Assert.False(cache.Contains(_image.Layer));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_cacheDir, "tmp")));
        Assert.False(File.Exists(cache.PathOf(_image.Layer)));
    }

    [Fact]
    public async Task A_longer_blob_than_its_descriptor_is_refused()
    {
        var longer = _image.LayerBytes.Concat(new byte[10]).ToArray();
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.Value!.EndsWith(_image.Layer.ToString(), StringComparison.Ordinal)) { await FaultyRegistryImage.ServeBytesAsync(c, longer); return; }
            await _image.ServeAsync(c);
        }, Ct);
        var (source, cache, _) = Source();
        var (blobs, _) = await source.ResolveAsync(Ref(server), Ct);
        await using var stream = await blobs.OpenBlobAsync(_image.Layer, _image.LayerBytes.Length, Ct);
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadAll(stream));
        Assert.Equal(ErrorKind.Integrity, e.Kind);
        Assert.False(cache.Contains(_image.Layer));
    }

    [Fact]
    public async Task A_manifest_that_does_not_match_the_digest_asked_for_is_refused()
    {
        var other = "sha256:" + new string('a', 64);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal))
            {
                c.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                await c.Response.Body.WriteAsync(_image.Manifest);
                return;
            }
            await _image.ServeAsync(c);
        }, Ct);
        var (source, cache, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server, other), Ct));
        Assert.Equal(ErrorKind.Integrity, e.Kind);
        Assert.Contains(other, e.Message, StringComparison.Ordinal);
        Assert.False(cache.Contains(_image.Image.ManifestDigest));
    }

    [Fact]
    public async Task A_Docker_Content_Digest_that_contradicts_the_content_is_refused()
    {
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal))
            {
                c.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                c.Response.Headers["Docker-Content-Digest"] = "sha256:" + new string('b', 64);
                await c.Response.Body.WriteAsync(_image.Manifest);
                return;
            }
            await _image.ServeAsync(c);
        }, Ct);
        var (source, _, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server), Ct));
        Assert.Equal(ErrorKind.Integrity, e.Kind);
    }

    [Fact]
    public async Task A_schema_1_manifest_is_refused_with_a_way_out()
    {
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (!c.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal)) { c.Response.StatusCode = 200; return; }
            c.Response.ContentType = "application/vnd.docker.distribution.manifest.v1+prettyjws";
            await c.Response.WriteAsync("{\"schemaVersion\":1,\"name\":\"faults/app\",\"tag\":\"1\",\"fsLayers\":[],\"history\":[]}");
        }, Ct);
        var (source, _, _) = Source();
        var e = await Assert.ThrowsAsync<VigilException>(() => source.ResolveAsync(Ref(server), Ct));
        Assert.Equal(ErrorKind.Unsupported, e.Kind);
        Assert.Contains("schema 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("skopeo copy", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pull_asks_for_OCI_and_Docker_v2_manifests_and_lists_but_not_schema_1()
    {
        string? accept = null;
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            if (c.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal)) accept = c.Request.Headers.Accept.ToString();
            return _image.ServeAsync(c);
        }, Ct);
        var (source, _, _) = Source();
        await source.ResolveAsync(Ref(server), Ct);
        Assert.NotNull(accept);
        foreach (var type in ManifestMediaTypes.Accepted) Assert.Contains(type, accept, StringComparison.Ordinal);
        Assert.DoesNotContain("distribution.manifest.v1", accept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_io_goes_to_its_mirrors_in_order()
    {
        await using var broken = await LoopbackServer.AnsweringAsync(404, Ct);
        await using var mirror = await LoopbackServer.StartAsync(c =>
        {
            // A mirror serves docker.io's library/ namespace; rewrite to the one repository the fake holds.
            c.Request.Path = c.Request.Path.Value!.Replace("/v2/library/alpine/", $"/v2/{FaultyRegistryImage.Repository}/", StringComparison.Ordinal).Replace("manifests/3.20", "manifests/1", StringComparison.Ordinal);
            return _image.ServeAsync(c);
        }, Ct);
        var (source, _, _) = Source(Options() with { Mirrors = [broken.BaseUri.ToString(), mirror.BaseUri.ToString()] });
        var (blobs, top) = await source.ResolveAsync("alpine:3.20", Ct);
        Assert.Equal(_image.Image.ManifestDigest, top.Digest);
        Assert.True(blobs.Endpoint.IsMirror);
        Assert.Contains("GET /v2/library/alpine/manifests/3.20", broken.RequestLines);
        Assert.Contains("GET /v2/library/alpine/manifests/3.20", mirror.RequestLines);
    }

    [Fact]
    public async Task A_plain_http_mirror_must_be_an_insecure_registry()
    {
        using var client = new RegistryClient(Options() with { Mirrors = ["http://mirror.example.test"] });
        var e = await Assert.ThrowsAsync<VigilException>(() => client.EndpointsAsync(RegistryReference.Parse("alpine"), Ct));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("--insecure-registry", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_reference_scans_offline_from_the_cache_once_pulled()
    {
        var server = await LoopbackServer.StartAsync(_image.ServeAsync, Ct);
        var reference = Ref(server, _image.Image.ManifestDigest.ToString());
        var (source, _, _) = Source();
        try
        {
            await using var first = await source.OpenAsync(reference, reference, new Vigil.Core.Seams.ImageOpenOptions(), Ct);
            for (var i = 0; i < first.Info.Layers.Count; i++)
            {
                await using var layer = await first.OpenLayerAsync(i, Ct);
                await layer.CopyToAsync(Stream.Null, Ct);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var offline = await source.OpenAsync(reference, reference, new Vigil.Core.Seams.ImageOpenOptions(), Ct);
        Assert.Equal(_image.Image.ManifestDigest, offline.Info.ManifestDigest);
        Assert.Equal(_image.Image.DiffIds, offline.Info.Layers.Select(l => l.DiffId));
        await using var last = await offline.OpenLayerAsync(offline.Info.Layers.Count - 1, Ct);
        await last.CopyToAsync(Stream.Null, Ct);
    }
}
