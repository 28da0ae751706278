using System.Text;
using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Cache;
using Vigil.Images.Registry;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>Pulls from the real CNCF registry, with each auth it supports, and checks every byte against the pushed layout.</summary>
public sealed class RealRegistryTests(RealRegistryFixture registries) : IClassFixture<RealRegistryFixture>, IDisposable
{
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("vigil-real-cache-").FullName;

    public void Dispose() => Directory.Delete(_cacheDir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RegistryOptions Options(bool login = true) => new(
        Username: login ? RealRegistryFixture.User : null,
        Password: login ? RealRegistryFixture.Password : null,
        DockerConfigPath: "/nonexistent/config.json",
        CacheDirectory: _cacheDir) { Environment = _ => null };

    /// <summary>What a pull yields: the image manifest picked, its config and its layers, each blob read to its verified end.</summary>
    private sealed record Pulled(Digest TopDigest, string TopMediaType, Digest ManifestDigest, Digest ConfigDigest, IReadOnlyList<Digest> Layers);

    private static async Task<Pulled> PullAsync(RegistrySource source, string location, Platform? platform = null)
    {
        var (blobs, top) = await source.ResolveAsync(location, Ct);
        var manifestBytes = top.Content.Bytes;
        var manifestDigest = top.Digest;
        if (top.Content.MediaType is ManifestMediaTypes.OciIndex or ManifestMediaTypes.DockerManifestList)
        {
            var want = platform ?? Platform.Default;
            using var index = JsonDocument.Parse(top.Content.Bytes);
            var chosen = index.RootElement.GetProperty("manifests").EnumerateArray().First(m =>
            {
                var p = m.GetProperty("platform");
                return want.Accepts(new Platform(p.GetProperty("os").GetString()!, p.GetProperty("architecture").GetString()!,
                    p.TryGetProperty("variant", out var v) ? v.GetString() : null));
            });
            manifestDigest = Digest.Parse(chosen.GetProperty("digest").GetString()!);
            manifestBytes = (await blobs.GetManifestAsync(manifestDigest, Ct)).Bytes;
        }
        using var manifest = JsonDocument.Parse(manifestBytes);
        var config = manifest.RootElement.GetProperty("config");
        var configDigest = Digest.Parse(config.GetProperty("digest").GetString()!);
        await ReadToEnd(blobs, configDigest, config.GetProperty("size").GetInt64());
        var layers = new List<Digest>();
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            var d = Digest.Parse(layer.GetProperty("digest").GetString()!);
            await ReadToEnd(blobs, d, layer.GetProperty("size").GetInt64());
            layers.Add(d);
        }
        return new Pulled(top.Digest, top.Content.MediaType!, manifestDigest, configDigest, layers);
    }

    private static async Task ReadToEnd(RegistryBlobSource blobs, Digest digest, long size)
    {
        await using var s = await blobs.OpenBlobAsync(digest, size, Ct);
        await s.CopyToAsync(Stream.Null, Ct);
    }

    private void AssertSameAsLayout(Pulled pulled, WrittenImage image)
    {
        Assert.Equal(image.ManifestDigest, pulled.ManifestDigest);
        Assert.Equal(image.ConfigDigest, pulled.ConfigDigest);
        Assert.Equal(image.LayerDigests, pulled.Layers);
    }

    [Fact]
    public async Task Pulls_by_tag_with_htpasswd_Basic_auth()
    {
        registries.SkipIfUnavailable();
        var source = new RegistrySource(Options());
        var pulled = await PullAsync(source, $"{registries.Basic.Authority}/vigil/app:1");
        AssertSameAsLayout(pulled, registries.App);
        Assert.Equal(ManifestMediaTypes.OciManifest, pulled.TopMediaType);
        var cache = new BlobCache(_cacheDir, long.MaxValue);
        Assert.All(registries.App.LayerDigests, d => Assert.True(cache.Contains(d)));
    }

    [Fact]
    public async Task Pulls_by_digest()
    {
        registries.SkipIfUnavailable();
        var source = new RegistrySource(Options());
        var pulled = await PullAsync(source, $"{registries.Basic.Authority}/vigil/app@{registries.App.ManifestDigest}");
        AssertSameAsLayout(pulled, registries.App);
    }

    [Fact]
    public async Task Pulls_with_the_login_in_docker_config_json()
    {
        registries.SkipIfUnavailable();
        var configDir = Path.Combine(_cacheDir, "docker");
        Directory.CreateDirectory(configDir);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RealRegistryFixture.User}:{RealRegistryFixture.Password}"));
        await File.WriteAllTextAsync(Path.Combine(configDir, "config.json"),
            $"{{\"auths\":{{\"{registries.Basic.Authority}\":{{\"auth\":\"{auth}\"}}}}}}", Ct);
        var options = Options(login: false) with { DockerConfigPath = null };
        options = options with { Environment = name => name == "DOCKER_CONFIG" ? configDir : null };
        var pulled = await PullAsync(new RegistrySource(options), $"{registries.Basic.Authority}/vigil/app:1");
        AssertSameAsLayout(pulled, registries.App);
    }

    [Fact]
    public async Task Without_credentials_Basic_auth_is_refused_naming_the_registry()
    {
        registries.SkipIfUnavailable();
        var e = await Assert.ThrowsAsync<VigilException>(() => PullAsync(new RegistrySource(Options(login: false)), $"{registries.Basic.Authority}/vigil/app:1"));
        Assert.Equal(ErrorKind.Unauthorized, e.Kind);
        Assert.Contains(registries.Basic.Authority, e.Message, StringComparison.Ordinal);
        Assert.Contains($"docker login {registries.Basic.Authority}", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulls_with_token_auth_asking_only_for_pull()
    {
        registries.SkipIfUnavailable();
        var source = new RegistrySource(Options());
        var pulled = await PullAsync(source, $"{registries.Token.Authority}/vigil/app:1");
        AssertSameAsLayout(pulled, registries.App);
        Assert.Contains($"{RealRegistryFixture.User} repository:vigil/app:pull", registries.Issuer.Issued);
    }

    [Fact]
    public async Task Without_credentials_token_auth_is_refused_naming_the_registry()
    {
        registries.SkipIfUnavailable();
        var e = await Assert.ThrowsAsync<VigilException>(() => PullAsync(new RegistrySource(Options(login: false)), $"{registries.Token.Authority}/vigil/app:1"));
        Assert.Equal(ErrorKind.Unauthorized, e.Kind);
        Assert.Contains(registries.Token.Authority, e.Message, StringComparison.Ordinal);
        Assert.Contains("token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_on_token_auth_is_refused()
    {
        registries.SkipIfUnavailable();
        var e = await Assert.ThrowsAsync<VigilException>(() => PullAsync(new RegistrySource(Options() with { Password = "wrong" }), $"{registries.Token.Authority}/vigil/app:1"));
        Assert.Equal(ErrorKind.Unauthorized, e.Kind);
        Assert.Contains("--username", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulls_Docker_v2_schema_2_manifests()
    {
        registries.SkipIfUnavailable();
        foreach (var registry in new[] { registries.Basic, registries.Token })
        {
            var pulled = await PullAsync(new RegistrySource(Options()), $"{registry.Authority}/vigil/app:1-v2s2");
            Assert.Equal(ManifestMediaTypes.DockerManifest, pulled.TopMediaType);
            // skopeo rewrites the manifest and config for v2s2; the layers are the same bytes.
            Assert.Equal(registries.App.LayerDigests, pulled.Layers);
        }
    }

    [Theory]
    [InlineData("linux/amd64")]
    [InlineData("linux/arm64")]
    [InlineData("linux/arm64/v8")]
    public async Task A_multi_arch_index_pushed_with_all_serves_each_platform(string platform)
    {
        registries.SkipIfUnavailable();
        var p = Platform.Parse(platform);
        var pulled = await PullAsync(new RegistrySource(Options()), $"{registries.Token.Authority}/vigil/multi:1", p);
        Assert.Equal(registries.MultiIndex, pulled.TopDigest);
        Assert.Equal(ManifestMediaTypes.OciIndex, pulled.TopMediaType);
        AssertSameAsLayout(pulled, p.Architecture == "amd64" ? registries.Amd64 : registries.Arm64);
    }

    [Fact]
    public async Task A_missing_tag_is_NotFound()
    {
        registries.SkipIfUnavailable();
        var e = await Assert.ThrowsAsync<VigilException>(() => PullAsync(new RegistrySource(Options()), $"{registries.Basic.Authority}/vigil/app:nope"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("MANIFEST_UNKNOWN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_io_references_go_to_the_mirror()
    {
        registries.SkipIfUnavailable();
        var options = Options(login: false) with { Mirrors = [$"http://{registries.Mirror.Authority}"] };
        var pulled = await PullAsync(new RegistrySource(options), "vigil-mirrored:1");
        AssertSameAsLayout(pulled, registries.App);
    }

    [Fact]
    public async Task Concurrent_pulls_share_one_cache_safely()
    {
        registries.SkipIfUnavailable();
        var location = $"{registries.Token.Authority}/vigil/app:1";
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PullAsync(new RegistrySource(Options()), location)));
        Assert.All(results, r => AssertSameAsLayout(r, registries.App));
        var cache = new BlobCache(_cacheDir, long.MaxValue);
        foreach (var d in registries.App.LayerDigests)
        {
            Assert.Equal(d, OciLayoutWriter.FileDigest(cache.PathOf(d)));
        }
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_cacheDir, "tmp")));
    }
}
