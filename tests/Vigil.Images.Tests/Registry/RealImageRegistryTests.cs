using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Images.Cache;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.Images.Registry;
using Vigil.Images.Sources;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>
/// The real Debian images built by shared/tools/make-real-images.sh, pushed to a real registry with skopeo and pulled
/// back: the blobs Vigil verifies and caches are exactly the layout's. Needs VIGIL_REAL_IMAGES (that script's OUTDIR).
/// </summary>
public sealed class RealImageRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string RequireRealImages(string relative)
    {
        var root = Environment.GetEnvironmentVariable("VIGIL_REAL_IMAGES");
        if (string.IsNullOrEmpty(root))
            Assert.Skip("VIGIL_REAL_IMAGES is not set: build the real images with shared/tools/make-real-images.sh OUTDIR and set VIGIL_REAL_IMAGES=OUTDIR");
        var path = Path.Combine(root, relative);
        if (!Directory.Exists(path) && !File.Exists(path)) Assert.Skip($"{path} does not exist; re-run make-real-images.sh");
        return path;
    }

    [Fact]
    public async Task The_real_Debian_image_pulls_byte_for_byte_and_the_second_pull_comes_from_the_cache()
    {
        var layout = RequireRealImages("oci/debian-bookworm");
        Tools.Require("docker-registry", "docker-registry");
        var cacheDir = Directory.CreateTempSubdirectory("vigil-real-debian-cache-").FullName;
        try
        {
            await using var registry = await DistributionRegistry.StartAsync(new RegistryAuth.None(), Ct);
            await Tools.SkopeoCopyAsync($"oci:{layout}:pkgs", $"docker://{registry.Authority}/realimg/debian-bookworm:pkgs", Ct);

            using var index = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(layout, "index.json"), Ct));
            var expected = Digest.Parse(index.RootElement.GetProperty("manifests").EnumerateArray()
                .First(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString() == "pkgs")
                .GetProperty("digest").GetString()!);

            var options = new RegistryOptions(DockerConfigPath: "/nonexistent/config.json", CacheDirectory: cacheDir) { Environment = _ => null };
            var source = new RegistrySource(options);
            var (blobs, top) = await source.ResolveAsync($"{registry.Authority}/realimg/debian-bookworm:pkgs", Ct);
            Assert.Equal(expected, top.Digest);

            using var manifest = JsonDocument.Parse(top.Content.Bytes);
            var layers = manifest.RootElement.GetProperty("layers").EnumerateArray()
                .Select(l => (Digest: Digest.Parse(l.GetProperty("digest").GetString()!), Size: l.GetProperty("size").GetInt64())).ToList();
            Assert.Equal(2, layers.Count);
            foreach (var (digest, size) in layers)
            {
                await using var s = await blobs.OpenBlobAsync(digest, size, Ct);
                await s.CopyToAsync(Stream.Null, Ct);
            }

            var cache = new BlobCache(cacheDir, long.MaxValue);
            foreach (var (digest, _) in layers)
            {
                Assert.Equal(OciLayoutWriter.FileDigest(Path.Combine(layout, "blobs", "sha256", digest.Hex)), OciLayoutWriter.FileDigest(cache.PathOf(digest)));
            }

            // With the registry gone, the blobs still open: they come from the cache.
            await registry.DisposeAsync();
            foreach (var (digest, size) in layers)
            {
                await using var s = await blobs.OpenBlobAsync(digest, size, Ct);
                Assert.IsType<FileStream>(s);
            }
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_real_Debian_image_from_the_registry_equals_its_docker_archive_layer_for_layer_and_file_for_file()
    {
        var layout = RequireRealImages("oci/debian-bookworm");
        var archive = RequireRealImages("archives/debian-bookworm_pkgs.docker.tar");
        Tools.Require("docker-registry", "docker-registry");
        var cacheDir = Directory.CreateTempSubdirectory("vigil-real-debian-cache-").FullName;
        try
        {
            await using var registry = await DistributionRegistry.StartAsync(new RegistryAuth.None(), Ct);
            await Tools.SkopeoCopyAsync($"oci:{layout}:pkgs", $"docker://{registry.Authority}/realimg/debian-bookworm:pkgs", Ct);
            var sources = ImageSources.All.WithRegistryOptions(
                new RegistryOptions(DockerConfigPath: "/nonexistent/config.json", CacheDirectory: cacheDir) { Environment = _ => null });

            await using var pulled = await ImageOpener.OpenAsync($"{registry.Authority}/realimg/debian-bookworm:pkgs", new ImageOpenOptions(), sources, Ct);
            await using var saved = await ImageOpener.OpenAsync(archive, new ImageOpenOptions(), sources, Ct);

            Assert.Equal("registry", pulled.Info.SourceKind);
            Assert.Equal("docker-archive", saved.Info.SourceKind);
            Assert.Equal(saved.Info.Layers.Select(l => l.DiffId), pulled.Info.Layers.Select(l => l.DiffId));
            Assert.Equal(saved.Info.ConfigDigest, pulled.Info.ConfigDigest);
            Assert.Equal(saved.Info.Platform, pulled.Info.Platform);

            static async Task<List<string>> Files(IImage image)
            {
                using var tree = (SquashedTree)await Squasher.SquashAsync(image, _ => false, null, Ct);
                return tree.Walk().Select(e => $"{e.Path} {e.Kind} {e.Size} {e.LayerIndex} {e.LinkTarget}").Order(StringComparer.Ordinal).ToList();
            }
            var fromRegistry = await Files(pulled);
            Assert.True(fromRegistry.Count > 1000, $"only {fromRegistry.Count} paths");
            Assert.Equal(await Files(saved), fromRegistry);
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }
    }
}
