using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.Images.Registry;
using Vigil.Images.Sources;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>Registry images opened the way a scan opens them: through ImageOpener, the source list and the shared resolver.</summary>
public sealed class RegistryImageTests(RealRegistryFixture registries) : IClassFixture<RealRegistryFixture>, IDisposable
{
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("vigil-image-cache-").FullName;

    public void Dispose() => Directory.Delete(_cacheDir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IReadOnlyList<IImageSource> Sources(bool login = true) => ImageSources.All.WithRegistryOptions(new RegistryOptions(
        Username: login ? RealRegistryFixture.User : null,
        Password: login ? RealRegistryFixture.Password : null,
        DockerConfigPath: "/nonexistent/config.json",
        CacheDirectory: _cacheDir) { Environment = _ => null });

    private static async Task<List<string>> SquashedFiles(IImage image)
    {
        using var tree = (SquashedTree)await Squasher.SquashAsync(image, _ => false, null, Ct);
        return tree.Walk().Select(e => $"{e.Path} {e.Kind} {e.Size} {e.LayerIndex}").Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_bare_reference_opens_from_the_registry_with_the_layout_layers_and_files()
    {
        registries.SkipIfUnavailable();
        var reference = $"{registries.Token.Authority}/vigil/app:1";
        await using var pulled = await ImageOpener.OpenAsync(reference, new ImageOpenOptions(), Sources(), Ct);
        await using var local = await ImageOpener.OpenAsync($"oci:{registries.LayoutDirectory}:app", new ImageOpenOptions(), Sources(), Ct);

        Assert.Equal("registry", pulled.Info.SourceKind);
        Assert.Equal(reference, pulled.Info.Reference);
        Assert.Equal(registries.App.ManifestDigest, pulled.Info.ManifestDigest);
        Assert.Equal(registries.App.DiffIds, pulled.Info.Layers.Select(l => l.DiffId));
        Assert.Equal(local.Info.Layers, pulled.Info.Layers);
        Assert.Equal(local.Info.ConfigDigest, pulled.Info.ConfigDigest);
        Assert.Equal(await SquashedFiles(local), await SquashedFiles(pulled));
    }

    [Fact]
    public async Task The_registry_prefix_and_a_digest_reference_open_the_same_image()
    {
        registries.SkipIfUnavailable();
        await using var image = await ImageOpener.OpenAsync($"registry://{registries.Basic.Authority}/vigil/app@{registries.App.ManifestDigest}", new ImageOpenOptions(), Sources(), Ct);
        Assert.Equal(registries.App.ManifestDigest, image.Info.ManifestDigest);
        Assert.Contains("etc/os-release", await SquashedFiles(image), new PrefixComparer());
    }

    [Theory]
    [InlineData("linux/amd64", "amd64")]
    [InlineData("linux/arm64", "arm64")]
    public async Task Platform_picks_the_image_from_a_multi_arch_index(string platform, string arch)
    {
        registries.SkipIfUnavailable();
        var p = Platform.Parse(platform);
        await using var image = await ImageOpener.OpenAsync($"{registries.Token.Authority}/vigil/multi:1", new ImageOpenOptions(p), Sources(), Ct);
        Assert.Equal(registries.MultiIndex, image.Info.IndexDigest);
        Assert.Equal(arch == "amd64" ? registries.Amd64.ManifestDigest : registries.Arm64.ManifestDigest, image.Info.ManifestDigest);
        Assert.Equal(arch, image.Info.Platform?.Architecture);
        using var tree = (SquashedTree)await Squasher.SquashAsync(image, path => path == "etc/vigil-arch", null, Ct);
        using var reader = new StreamReader(tree.OpenRead("etc/vigil-arch"));
        Assert.Equal(arch, (await reader.ReadToEndAsync(Ct)).Trim());
    }

    [Fact]
    public async Task A_platform_the_index_lacks_is_NotFound_listing_the_ones_it_has()
    {
        registries.SkipIfUnavailable();
        var e = await Assert.ThrowsAsync<VigilException>(async () =>
            await ImageOpener.OpenAsync($"{registries.Token.Authority}/vigil/multi:1", new ImageOpenOptions(Platform.Parse("linux/s390x")), Sources(), Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("linux/s390x", e.Message, StringComparison.Ordinal);
        Assert.Contains("linux/amd64", e.Message, StringComparison.Ordinal);
        Assert.Contains("linux/arm64", e.Message, StringComparison.Ordinal);
    }

    private sealed class PrefixComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x is not null && y is not null && (x.StartsWith(y + " ", StringComparison.Ordinal) || y.StartsWith(x + " ", StringComparison.Ordinal));
        public int GetHashCode(string obj) => 0;
    }
}
