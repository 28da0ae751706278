using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Oci;
using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;
using static Vigil.Images.Tests.TestImages;

namespace Vigil.Images.Tests.Oci;

public sealed class OciImageResolverTests : IDisposable
{
    private readonly TempDirectory _dir = new("resolver");

    public void Dispose() => _dir.Dispose();

    private static ImageBuilder Arch(string platform) =>
        new ImageBuilder().Platform(platform).Layer(l => l.File("arch", platform));

    private string MultiPlatform(ManifestStyle style) => new ImageIndexBuilder()
        .Style(style)
        .Add(Arch("linux/amd64").Style(style))
        .Add(Arch("linux/arm64/v8").Style(style))
        .Add(Arch("linux/arm/v7").Style(style))
        .WithAttestation()
        .WriteOciLayout(_dir.Combine($"multi-{style}"), "1.0");

    [Theory]
    [InlineData(ManifestStyle.Oci, null, "linux/amd64")]
    [InlineData(ManifestStyle.Oci, "linux/arm64", "linux/arm64/v8")]
    [InlineData(ManifestStyle.Docker, "linux/arm/v7", "linux/arm/v7")]
    [InlineData(ManifestStyle.Docker, "linux/arm64/v8", "linux/arm64/v8")]
    public async Task Index_and_manifest_list_pick_the_platform(ManifestStyle style, string? wanted, string expected)
    {
        var layout = MultiPlatform(style);
        var options = new ImageOpenOptions(wanted is null ? null : Platform.Parse(wanted));
        await using var image = await OpenAsync($"oci:{layout}:1.0", options);
        Assert.Equal(expected, image.Info.Platform?.ToString());
        Assert.NotNull(image.Info.IndexDigest);
        Assert.NotEqual(image.Info.IndexDigest, image.Info.ManifestDigest);
        using var tree = await Vigil.Images.Layers.Squasher.SquashAsync(image, p => p == "arch", null, Ct);
        Assert.Equal(expected, ReadText(tree, "arch"));
    }

    [Fact]
    public async Task Missing_platform_is_not_found_listing_the_platforms_there_are()
    {
        var layout = MultiPlatform(ManifestStyle.Oci);
        var e = await ThrowsVigilAsync(ErrorKind.NotFound,
            () => OpenAsync($"oci:{layout}:1.0", new ImageOpenOptions(Platform.Parse("linux/s390x"))),
            "linux/s390x", "linux/amd64", "linux/arm64/v8", "linux/arm/v7");
        Assert.DoesNotContain("unknown", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_platform_image_refuses_an_explicit_other_platform()
    {
        var layout = Arch("linux/arm64").WriteOciLayout(_dir.Combine("arm"));
        await ThrowsVigilAsync(ErrorKind.NotFound, () => OpenAsync($"oci:{layout}", new ImageOpenOptions(Platform.Default)), "linux/arm64", "linux/amd64");
        await using var image = await OpenAsync($"oci:{layout}");
        Assert.Equal("linux/arm64", image.Info.Platform?.ToString());
    }

    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Layers_are_decompressed_by_content_not_media_type(LayerCompression compression)
    {
        // The media type claims gzip whatever the bytes are: Vigil must go by the magic bytes.
        var layout = new ImageBuilder()
            .Layer(l => l.File("f", "content"), compression)
            .WithLayerMediaType(0, MediaTypes.OciLayerGzip)
            .WriteOciLayout(_dir.Combine($"c-{compression}"));
        using var tree = await SquashAsync($"oci:{layout}", "f");
        Assert.Equal("content", ReadText(tree, "f"));
    }

    [Fact]
    public async Task Info_lists_layers_with_digest_diffid_size_and_history()
    {
        var builder = new ImageBuilder()
            .EmptyHistory("ARG X")
            .Layer(l => l.File("a", "1"), LayerCompression.Gzip, "RUN one")
            .EmptyHistory("ENV Y=2")
            .Layer(l => l.File("b", "2"), LayerCompression.None, "RUN two");
        using var staging = new TempDirectory("stage");
        var built = builder.Build(staging.Path);
        var layout = builder.WriteOciLayout(_dir.Combine("info"));
        await using var image = await OpenAsync($"oci:{layout}");
        Assert.Equal(["RUN one", "RUN two"], image.Info.Layers.Select(l => l.CreatedBy));
        Assert.Equal(built.Layers.Select(l => l.Digest), image.Info.Layers.Select(l => l.Digest));
        Assert.Equal(built.Layers.Select(l => l.DiffId), image.Info.Layers.Select(l => l.DiffId));
        Assert.Equal(built.Layers.Select(l => l.Size), image.Info.Layers.Select(l => l.Size));
        Assert.Equal(built.ManifestDigest, image.Info.ManifestDigest);
        Assert.Equal(built.ConfigDigest, image.Info.ConfigDigest);
        Assert.Null(image.Info.IndexDigest);
    }

    [Fact]
    public async Task Schema1_is_refused_with_a_clear_message()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1")).AsSchema1().WriteOciLayout(_dir.Combine("s1"));
        await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync($"oci:{layout}"), "schema 1");
    }

    [Fact]
    public async Task Unknown_manifest_media_type_is_unsupported_naming_it()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1"))
            .WithManifestMediaType("application/vnd.example.thing.v1+json").WriteOciLayout(_dir.Combine("mt"));
        await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync($"oci:{layout}"), "application/vnd.example.thing.v1+json");
    }

    [Fact]
    public async Task Unknown_layer_media_type_is_unsupported_naming_it()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1"))
            .WithLayerMediaType(0, "application/vnd.example.layer.v1.tar+lz4").WriteOciLayout(_dir.Combine("lmt"));
        await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync($"oci:{layout}"), "application/vnd.example.layer.v1.tar+lz4", "layer 0");
    }

    [Fact]
    public async Task Artifact_config_is_unsupported()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1"))
            .WithConfigMediaType("application/vnd.cncf.helm.config.v1+json").WriteOciLayout(_dir.Combine("helm"));
        await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync($"oci:{layout}"), "application/vnd.cncf.helm.config.v1+json");
    }

    [Fact]
    public async Task Unknown_media_type_in_a_real_layout_is_unsupported()
    {
        var layout = SharedData.Require("testdata/fixtures/images/go-containerregistry/v1/layout/test_gc_image_unknown_mediatype");
        await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync($"oci:{layout}"), "media type");
    }

    [Fact]
    public async Task Malformed_manifest_json_is_invalid_input_naming_the_manifest()
    {
        var builder = new ImageBuilder().Layer(l => l.File("a", "1")).WithMalformedManifest();
        using var staging = new TempDirectory("stage");
        var digest = builder.Build(staging.Path).ManifestDigest;
        var layout = builder.WriteOciLayout(_dir.Combine("bad"));
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => OpenAsync($"oci:{layout}"), digest.ToString(), "not valid JSON");
    }

    [Fact]
    public async Task Malformed_config_json_is_invalid_input_naming_the_config()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1")).WithMalformedConfig().WriteOciLayout(_dir.Combine("badcfg"));
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => OpenAsync($"oci:{layout}"), "config sha256:", "not valid JSON");
    }

    [Fact]
    public async Task Tampered_manifest_is_an_integrity_error()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1")).WriteOciLayout(_dir.Combine("tamper"));
        var blob = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Single(f => File.ReadAllText(f).Contains("\"config\"", StringComparison.Ordinal));
        await File.WriteAllTextAsync(blob, File.ReadAllText(blob).Replace("\"size\":", "\"size\": ", StringComparison.Ordinal), Ct);
        await ThrowsVigilAsync(ErrorKind.Integrity, () => OpenAsync($"oci:{layout}"), Path.GetFileName(blob));
    }

    [Theory]
    [InlineData(DockerArchiveLayout.Classic)]
    [InlineData(DockerArchiveLayout.OciInTar)]
    public async Task Wrong_diffid_is_an_integrity_error_at_the_end_of_the_layer(DockerArchiveLayout layout)
    {
        var path = new ImageBuilder().Layer(l => l.File("a", "1")).WithWrongDiffId(0).WriteDockerArchive(_dir.Combine($"diff-{layout}.tar"), layout);
        await using var image = await OpenAsync(path);
        await ThrowsVigilAsync(ErrorKind.Integrity, () => ReadAllLayersAsync(image), "layer 0", image.Info.Layers[0].Digest.ToString());
    }

    [Fact]
    public async Task Blob_whose_digest_is_wrong_is_an_integrity_error_naming_the_blob()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1")).WithWrongLayerDigest(0).WriteOciLayout(_dir.Combine("wrong"));
        await using var image = await OpenAsync($"oci:{layout}");
        var digest = image.Info.Layers[0].Digest.ToString();
        await ThrowsVigilAsync(ErrorKind.Integrity, () => ReadAllLayersAsync(image), digest, "does not match");
        await ThrowsVigilAsync(ErrorKind.Integrity, () => Vigil.Images.Layers.Squasher.SquashAsync(image, _ => true, null, Ct), digest);
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task Truncated_blob_is_invalid_input_naming_the_blob(LayerCompression compression)
    {
        var layout = new ImageBuilder()
            .Layer(l => l.File("big", new byte[200_000]).File("after", "x"), compression)
            .WithTruncatedLayer(0)
            .WriteOciLayout(_dir.Combine($"trunc-{compression}"));
        await using var image = await OpenAsync($"oci:{layout}");
        var digest = image.Info.Layers[0].Digest.ToString();
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => Vigil.Images.Layers.Squasher.SquashAsync(image, _ => true, null, Ct), digest, "truncated");
    }

    [Fact]
    public async Task Resolver_works_over_any_blob_source()
    {
        var builder = new ImageBuilder().Layer(l => l.File("a", "from memory"));
        using var staging = new TempDirectory("stage");
        var built = builder.Build(staging.Path);
        var blobs = new MemoryBlobs(built);
        await using var image = await OciImageResolver.ResolveAsync("mem://x", "x", "memory", blobs,
            new ManifestContent(built.ManifestBytes, built.ManifestMediaType), built.ManifestDigest, new ImageOpenOptions(), Ct);
        Assert.Equal("memory", image.Info.SourceKind);
        using var tree = await Vigil.Images.Layers.Squasher.SquashAsync(image, _ => true, null, Ct);
        Assert.Equal("from memory", ReadText(tree, "a"));
    }

    private sealed class MemoryBlobs(BuiltImage image) : IBlobSource
    {
        public Task<Stream> OpenBlobAsync(Digest digest, long? expectedSize, CancellationToken cancellationToken) =>
            Task.FromResult(image.Blobs().Single(b => b.Digest == digest).Open());

        public Task<ManifestContent> GetManifestAsync(Digest digest, CancellationToken cancellationToken) =>
            throw new VigilException(ErrorKind.NotFound, $"no manifest {digest}");
    }
}
