using System.Formats.Tar;
using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;
using static Vigil.Images.Tests.TestImages;

namespace Vigil.Images.Tests.Layers;

public sealed class LayerTarReaderTests
{
    private static async Task<List<(LayerTarEntry Entry, string? Text)>> ReadAll(Stream stream)
    {
        var result = new List<(LayerTarEntry, string?)>();
        await using var reader = new LayerTarReader(stream, "test layer");
        while (await reader.NextAsync(Ct) is { } e)
        {
            string? text = null;
            if (e.Data is not null) text = await new StreamReader(e.Data).ReadToEndAsync(Ct);
            result.Add((e, text));
        }
        return result;
    }

    private static Task<List<(LayerTarEntry Entry, string? Text)>> ReadFixture(string name) =>
        ReadAll(File.OpenRead(RepoPaths.Fixture("images", "tars", name)));

    [Fact]
    public async Task Pax_xattrs_with_empty_binary_and_equals_values_are_read()
    {
        var entries = await ReadFixture("pax-xattrs.tar");
        Assert.Equal(["etc/", "usr/bin/ping", "etc/file.txt"], entries.Select(e => e.Entry.Name));
        Assert.Equal("Hello Pax", entries[2].Text);
        Assert.Equal(FileKind.Directory, entries[0].Entry.Kind);
    }

    [Fact]
    public async Task Gnu_long_names_and_links_are_read()
    {
        var entries = await ReadFixture("gnu-longnames.tar");
        Assert.All(entries, e => Assert.True(e.Entry.Name.Length > 100 || e.Entry.LinkName?.Length > 100));
        Assert.Equal(FileKind.Symlink, entries[1].Entry.Kind);
        Assert.Equal(FileKind.HardLink, entries[2].Entry.Kind);
        Assert.EndsWith("/file.txt", entries[2].Entry.LinkName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base256_ids_and_odd_modes_are_read()
    {
        var entries = await ReadFixture("base256-ids.tar");
        Assert.Equal("ids", entries[0].Text);
        Assert.True(entries[1].Entry.Mode.HasFlag(UnixFileMode.SetUser));
        Assert.True(entries[2].Entry.Mode.HasFlag(UnixFileMode.StickyBit));
    }

    [Fact]
    public async Task V7_headers_are_read_and_a_trailing_slash_makes_a_directory()
    {
        var entries = await ReadFixture("v7-oldstyle.tar");
        Assert.Equal(FileKind.Directory, entries[0].Entry.Kind);
        Assert.Equal("v7", entries[1].Text);
    }

    [Fact]
    public async Task Device_entries_are_other_and_reading_goes_on()
    {
        var entries = await ReadFixture("devices.tar");
        Assert.Equal([FileKind.Directory, FileKind.Other, FileKind.Other, FileKind.Other, FileKind.File], entries.Select(e => e.Entry.Kind));
        Assert.Equal("still read", entries[^1].Text);
    }

    [Theory]
    [InlineData("claircore/pkg__tarfs__testdata__bad_name.tar")]
    [InlineData("claircore/pkg__tarfs__testdata__concat.tar")]
    [InlineData("claircore/pkg__tarfs__testdata__known__oddlayer.tar")]
    [InlineData("claircore/python__testdata__layer-with-bad-version.tar")]
    [InlineData("claircore/rhel__testdata__layer-with-cpe.tar")]
    [InlineData("claircore/rhel__testdata__layer-with-embedded-cs.tar")]
    [InlineData("go-containerregistry/crane/content.tar")]
    public async Task Real_layers_from_other_scanners_test_data_are_read(string fixture)
    {
        var path = SharedData.Require($"testdata/fixtures/images/{fixture}");
        var entries = await ReadAll(File.OpenRead(path));
        Assert.NotEmpty(entries);
        var tarCount = CountWithSystemTar(path);
        if (tarCount is { } n) Assert.Equal(n, entries.Count);
    }

    [Fact]
    public async Task Real_zstd_layer_squashes()
    {
        var path = SharedData.Require("testdata/fixtures/images/go-containerregistry/crane/content.tar.zst");
        var tarPath = SharedData.Require("testdata/fixtures/images/go-containerregistry/crane/content.tar");
        using var dir = new TempDirectory("zst");
        // Wrap the real zstd blob in an image, then read it back through the resolver and the squash.
        var layout = new ImageBuilder().Layer(l => l.File("placeholder", "x")).WriteOciLayout(dir.Combine("layout"));
        var image = await ImageWithRawLayer(dir, path, tarPath);
        await using var opened = await OpenAsync($"oci:{image}");
        Assert.Equal("zstd", await CompressionOf(opened));
        using var tree = await Squasher.SquashAsync(opened, _ => true, null, Ct);
        Assert.NotNull(tree.Find("bat"));
        Assert.NotNull(layout);
    }

    [Fact]
    public async Task Truncated_tar_names_the_last_entry_read()
    {
        var full = new LayerBuilder().File("first", new byte[600]).File("second", new byte[5000]).ToBytes();
        var cut = full[..2048];
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadAll(new MemoryStream(cut)));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("test layer", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> CompressionOf(Vigil.Core.Seams.IImage image)
    {
        await using var s = await image.OpenLayerAsync(0, Ct);
        return ((LayerStream)s).Compression;
    }

    /// <summary>An OCI layout whose single layer is the given blob, its DiffID taken from the given tar.</summary>
    private static async Task<string> ImageWithRawLayer(TempDirectory dir, string blob, string tar)
    {
        var root = dir.Combine("raw");
        var blobs = Path.Combine(root, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var blobBytes = await File.ReadAllBytesAsync(blob, Ct);
        var digest = Vigil.Core.Model.Digest.Sha256(blobBytes);
        var diffId = Vigil.Core.Model.Digest.Sha256(await File.ReadAllBytesAsync(tar, Ct));
        await File.WriteAllBytesAsync(Path.Combine(blobs, digest.Hex), blobBytes, Ct);
        var config = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new Vigil.Images.Oci.ImageConfig("amd64", "linux", RootFs: new Vigil.Images.Oci.ImageRootFs("layers", [diffId.ToString()])),
            Vigil.Images.Oci.OciJsonContext.Default.ImageConfig);
        var configDigest = Vigil.Core.Model.Digest.Sha256(config);
        await File.WriteAllBytesAsync(Path.Combine(blobs, configDigest.Hex), config, Ct);
        var manifest = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Vigil.Images.Oci.OciManifest(2, Vigil.Images.Oci.MediaTypes.OciManifest,
            new Vigil.Images.Oci.OciDescriptor(Vigil.Images.Oci.MediaTypes.OciConfig, configDigest.ToString(), config.Length),
            [new Vigil.Images.Oci.OciDescriptor(Vigil.Images.Oci.MediaTypes.OciLayerZstd, digest.ToString(), blobBytes.Length)]),
            Vigil.Images.Oci.OciJsonContext.Default.OciManifest);
        var manifestDigest = Vigil.Core.Model.Digest.Sha256(manifest);
        await File.WriteAllBytesAsync(Path.Combine(blobs, manifestDigest.Hex), manifest, Ct);
        var index = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Vigil.Images.Oci.OciManifest(2, Vigil.Images.Oci.MediaTypes.OciIndex,
            Manifests: [new Vigil.Images.Oci.OciDescriptor(Vigil.Images.Oci.MediaTypes.OciManifest, manifestDigest.ToString(), manifest.Length)]),
            Vigil.Images.Oci.OciJsonContext.Default.OciManifest);
        await File.WriteAllBytesAsync(Path.Combine(root, "index.json"), index, Ct);
        await File.WriteAllTextAsync(Path.Combine(root, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", Ct);
        return root;
    }

    /// <summary>How many entries GNU tar lists, when tar is installed (the reference reader).</summary>
    private static int? CountWithSystemTar(string path)
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("tar", ["-tf", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (p is null) return null;
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            p.WaitForExit();
            return p.ExitCode == 0 ? lines : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
