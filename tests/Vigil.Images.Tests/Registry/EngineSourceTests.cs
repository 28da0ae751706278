using System.Formats.Tar;
using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Registry;
using Vigil.Images.Sources;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>image:// and local:// against a real engine API: podman's Docker-compatible service on a unix socket.</summary>
public sealed class EngineSourceTests : IAsyncLifetime
{
    private readonly FaultyRegistryImage _image = new();
    private PodmanService? _podman;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists("/usr/bin/podman")) return;
        _podman = await PodmanService.StartAsync(Ct);
        try
        {
            _image.Layout.Tag("app", _image.Image);
            _image.Layout.Save();
            // podman names an image pulled from oci:DIR after DIR, which must then be a lowercase reference.
            var layout = Path.Combine(Path.GetTempPath(), $"vigil-engine-layout-{Guid.NewGuid():N}");
            CopyDirectory(_image.Layout.Directory, layout);
            try
            {
                await _podman.RunAsync(Ct, "pull", "-q", $"oci:{layout}:app");
            }
            finally
            {
                Directory.Delete(layout, recursive: true);
            }
            var id = (await _podman.RunAsync(Ct, "images", "-q")).Trim().Split('\n')[0];
            await _podman.RunAsync(Ct, "tag", id, "vigil-test/app:1");
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: stop the service here.
            await _podman.DisposeAsync();
            _podman = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_podman is not null) await _podman.DisposeAsync();
        _image.Dispose();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private PodmanService Podman => _podman ?? throw SkipNow();

    private static Exception SkipNow()
    {
        Assert.Skip("podman is not installed: apt-get install podman (listed in .ci/apt-packages.txt)");
        return new InvalidOperationException();
    }

    private EngineSource Source() => new(new UnusedArchiveSource(), Podman.DockerHost);

    [Fact]
    public async Task Exports_the_engine_image_as_a_docker_save_tarball_with_the_same_layers()
    {
        var tar = Path.Combine(Path.GetTempPath(), $"vigil-engine-test-{Guid.NewGuid():N}.tar");
        try
        {
            await Source().SaveAsync("vigil-test/app:1", tar, Ct);
            var files = new Dictionary<string, byte[]>();
            await using (var reader = new TarReader(File.OpenRead(tar)))
            {
                while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
                {
                    if (entry.DataStream is null) continue;
                    using var ms = new MemoryStream();
                    await entry.DataStream.CopyToAsync(ms, Ct);
                    files[entry.Name] = ms.ToArray();
                }
            }
            using var manifest = JsonDocument.Parse(files["manifest.json"]);
            var layers = manifest.RootElement[0].GetProperty("Layers").EnumerateArray().Select(l => Digest.Sha256(files[l.GetString()!])).ToList();
            Assert.Equal(_image.Image.DiffIds, layers);
        }
        finally
        {
            File.Delete(tar);
        }
    }

    [Fact]
    public async Task Image_prefix_opens_the_engine_image_with_its_layers_and_deletes_the_export_after()
    {
        var sources = ImageSources.All.Select(x => x is EngineSource ? new EngineSource(new DockerArchiveSource(), Podman.DockerHost) : x).ToList();
        var before = Directory.GetFiles(Path.GetTempPath(), "vigil-engine-*.tar").Length;
        await using (var image = await ImageOpener.OpenAsync("image://vigil-test/app:1", new ImageOpenOptions(), sources, Ct))
        {
            Assert.Equal("engine", image.Info.SourceKind);
            Assert.Equal("image://vigil-test/app:1", image.Info.Reference);
            Assert.Equal(_image.Image.DiffIds, image.Info.Layers.Select(l => l.DiffId));
            await using var layer = await image.OpenLayerAsync(1, Ct);
            await layer.CopyToAsync(Stream.Null, Ct);
        }
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "vigil-engine-*.tar").Length);
    }

    [Fact]
    public async Task An_image_the_engine_lacks_is_NotFound()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => Source().OpenAsync("image://nope:1", "nope:1", new ImageOpenOptions(), Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("nope:1", e.Message, StringComparison.Ordinal);
        Assert.Contains(Podman.DockerHost, e.Message, StringComparison.Ordinal);
    }

    /// <summary>Stands in for the docker-archive source in tests that never get as far as opening the tarball.</summary>
    internal sealed class UnusedArchiveSource : IImageSource
    {
        public string Kind => "docker-archive";
        public IReadOnlyList<string> Prefixes => [];
        public bool Recognizes(string reference) => false;
        public Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not reached in these tests");
    }
}
