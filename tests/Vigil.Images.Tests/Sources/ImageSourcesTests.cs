using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.Images.Sources;
using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;
using static Vigil.Images.Tests.TestImages;

namespace Vigil.Images.Tests.Sources;

public sealed class ImageSourcesTests : IDisposable
{
    private readonly TempDirectory _dir = new("sources");

    public void Dispose() => _dir.Dispose();

    private static ImageBuilder Sample() => new ImageBuilder()
        .Layer(l => l.FileFromFixture("usr/lib/os-release", "images/files/os-release").Symlink("etc/os-release", "../usr/lib/os-release"), createdBy: "base")
        .EmptyHistory("ENV A=b")
        .Layer(l => l.File("app/hello.txt", "hello\n"), LayerCompression.Zstd, createdBy: "COPY hello.txt /app/");

    [Fact]
    public void Every_source_has_a_unique_kind_and_prefixes()
    {
        var all = ImageSources.All;
        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Select(s => s.Kind).Distinct().Count());
        Assert.All(all, s => Assert.NotEmpty(s.Prefixes));
        Assert.All(all, s => Assert.All(s.Prefixes, p => Assert.False(string.IsNullOrWhiteSpace(p))));
        var prefixes = all.SelectMany(s => s.Prefixes).ToList();
        Assert.Equal(prefixes.Count, prefixes.Distinct().Count());
    }

    public static TheoryData<string, string> Prefixed => new()
    {
        { "oci-dir://{layout}:1.0", "oci-dir" },
        { "oci:{layout}:1.0", "oci-dir" },
        { "oci-archive:{ociarchive}:1.0", "oci-archive" },
        { "archive://{docker}", "docker-archive" },
        { "docker-archive:{docker}", "docker-archive" },
        { "docker-archive:{dockeroci}", "docker-archive" },
        { "{layout}:1.0", "oci-dir" },
        { "{ociarchive}", "oci-archive" },
        { "{docker}", "docker-archive" },
        { "{dockeroci}:example/app:latest", "docker-archive" },
    };

    [Theory]
    [MemberData(nameof(Prefixed))]
    public async Task Each_prefix_and_bare_path_opens_the_same_image(string template, string kind)
    {
        var sample = Sample();
        var paths = new Dictionary<string, string>
        {
            ["{layout}"] = sample.WriteOciLayout(_dir.Combine("layout"), "1.0"),
            ["{ociarchive}"] = sample.WriteOciArchive(_dir.Combine("image.oci.tar"), "1.0"),
            ["{docker}"] = sample.WriteDockerArchive(_dir.Combine("image.docker.tar")),
            ["{dockeroci}"] = sample.WriteDockerArchive(_dir.Combine("image.docker-oci.tar"), DockerArchiveLayout.OciInTar),
        };
        var reference = paths.Aggregate(template, (r, kv) => r.Replace(kv.Key, kv.Value, StringComparison.Ordinal));

        await using var image = await OpenAsync(reference);
        Assert.Equal(kind, image.Info.SourceKind);
        Assert.Equal(reference, image.Info.Reference);
        Assert.Equal(2, image.Info.Layers.Count);
        Assert.Equal("base", image.Info.Layers[0].CreatedBy);
        Assert.Equal("COPY hello.txt /app/", image.Info.Layers[1].CreatedBy);
        Assert.Equal("linux/amd64", image.Info.Platform?.ToString());
        Assert.NotNull(image.Info.ConfigDigest);

        using var tree = await Squasher.SquashAsync(image, p => p is "app/hello.txt" or "etc/os-release", null, Ct);
        Assert.Equal("hello\n", ReadText(tree, "app/hello.txt"));
        Assert.Contains("ID=debian", ReadText(tree, "etc/os-release"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classic_docker_archive_has_no_manifest_digest_and_oci_in_tar_has_one()
    {
        var sample = Sample();
        await using var classic = await OpenAsync(sample.WriteDockerArchive(_dir.Combine("c.tar")));
        await using var oci = await OpenAsync(sample.WriteDockerArchive(_dir.Combine("o.tar"), DockerArchiveLayout.OciInTar));
        Assert.Null(classic.Info.ManifestDigest);
        Assert.NotNull(oci.Info.ManifestDigest);
        Assert.Equal(classic.Info.ConfigDigest, oci.Info.ConfigDigest);
        Assert.Equal(classic.Info.Layers.Select(l => l.DiffId), oci.Info.Layers.Select(l => l.DiffId));
        Assert.Equal("example/app:latest", classic.Info.Name);
    }

    [Fact]
    public async Task Rootfs_by_prefix_and_by_sniffing()
    {
        var root = Sample().WriteRootFs(_dir.Combine("rootfs"));
        foreach (var reference in new[] { $"fs://{root}", $"dir:{root}", root })
        {
            await using var image = await OpenAsync(reference);
            Assert.Equal("rootfs", image.Info.SourceKind);
            Assert.Empty(image.Info.Layers);
            Assert.Null(image.Info.ManifestDigest);
        }
    }

    [Fact]
    public async Task Layout_with_several_images_needs_a_tag_and_lists_them()
    {
        var layout = new OciLayoutBuilder()
            .Add("1.0", new ImageBuilder().Layer(l => l.File("v", "1")))
            .Add("2.0", new ImageBuilder().Layer(l => l.File("v", "2")))
            .WriteDirectory(_dir.Combine("two"));
        await ThrowsVigilAsync(ErrorKind.Usage, () => OpenAsync($"oci:{layout}"), "1.0", "2.0");
        await ThrowsVigilAsync(ErrorKind.NotFound, () => OpenAsync($"oci:{layout}:3.0"), "'3.0'", "1.0", "2.0");
        using var tree = await SquashAsync($"oci:{layout}:2.0", "v");
        Assert.Equal("2", ReadText(tree, "v"));
    }

    [Fact]
    public async Task Unrecognised_path_says_what_was_tried_and_the_prefixes()
    {
        var file = _dir.Combine("notes.txt");
        await File.WriteAllTextAsync(file, "not an image", Ct);
        var e = await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync(file), "notes.txt", "docker-archive", "oci-archive");
        Assert.Contains("oci-dir://", e.Hint, StringComparison.Ordinal);

        await ThrowsVigilAsync(ErrorKind.NotFound, () => OpenAsync(_dir.Combine("missing.tar")), "missing.tar");
        await ThrowsVigilAsync(ErrorKind.NotFound, () => OpenAsync($"oci:{_dir.Combine("missing")}"), "missing");
        await ThrowsVigilAsync(ErrorKind.NotFound, () => OpenAsync($"docker-archive:{_dir.Combine("missing.tar")}"), "missing.tar");
    }

    public static TheoryData<string, string, string> CompressedTarballs => new()
    {
        { "docker", "gzip", "{file}" },
        { "docker", "zstd", "{file}" },
        { "docker", "gzip", "docker-archive:{file}" },
        { "dockeroci", "gzip", "{file}:example/app:latest" },
        { "ociarchive", "gzip", "{file}:1.0" },
        { "ociarchive", "zstd", "oci-archive:{file}:1.0" },
    };

    /// <summary><c>docker save IMAGE | gzip</c> and the like open as the plain tarball does; the decompressed copy goes with the image.</summary>
    [Theory]
    [MemberData(nameof(CompressedTarballs))]
    public async Task Compressed_tarballs_open_like_plain_ones_and_leave_no_copy(string kind, string compression, string template)
    {
        var sample = Sample();
        var tar = kind switch
        {
            "docker" => sample.WriteDockerArchive(_dir.Combine("image.tar")),
            "dockeroci" => sample.WriteDockerArchive(_dir.Combine("image.tar"), DockerArchiveLayout.OciInTar),
            _ => sample.WriteOciArchive(_dir.Combine("image.tar"), "1.0"),
        };
        var file = await CompressAsync(tar, compression);
        var reference = template.Replace("{file}", file, StringComparison.Ordinal);
        var spoolsBefore = Spools();

        await using (var image = await OpenAsync(reference))
        {
            Assert.Equal(kind == "ociarchive" ? "oci-archive" : "docker-archive", image.Info.SourceKind);
            Assert.Equal(reference, image.Info.Reference);
            Assert.Equal(2, image.Info.Layers.Count);
            using var tree = await Squasher.SquashAsync(image, p => p is "app/hello.txt", null, Ct);
            Assert.Equal("hello\n", ReadText(tree, "app/hello.txt"));
        }

        Assert.Equal(spoolsBefore, Spools());
    }

    [Fact]
    public async Task Compressed_file_that_is_not_a_tarball_is_named_as_such()
    {
        var text = _dir.Combine("notes.txt");
        await File.WriteAllTextAsync(text, "not an image\n", Ct);
        await ThrowsVigilAsync(ErrorKind.Unsupported, async () => await OpenAsync(await CompressAsync(text, "gzip")), "gzip-compressed file");
    }

    [Fact]
    public async Task Compressed_tarball_without_an_image_is_unsupported_and_leaves_no_copy()
    {
        var tar = _dir.Combine("files.tar");
        await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(RepoPaths.Fixture("images", "files"), tar, includeBaseDirectory: false, Ct);
        var gz = await CompressAsync(tar, "gzip");
        var before = Spools();
        await ThrowsVigilAsync(ErrorKind.Unsupported, () => OpenAsync(gz), "files.tar.gz", "holds no image");
        Assert.Equal(before, Spools());
    }

    [Fact]
    public async Task Compressed_tarball_past_the_size_limit_is_refused_as_a_bomb()
    {
        var tar = new ImageBuilder().Layer(l => l.File("zeros", new byte[3 << 20])).WriteDockerArchive(_dir.Combine("zeros.tar"));
        var gz = await CompressAsync(tar, "gzip");
        var before = Spools();
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => ImageOpener.OpenAsync(gz, new ImageOpenOptions(MaxLayerBytes: 1 << 20), Ct), "zeros.tar.gz", "decompression bomb");
        Assert.Equal(before, Spools());
    }

    /// <summary>
    /// A compressed tarball cut short is damaged input, never an image: cut in the middle, or by only a few bytes (a
    /// gzip missing just its trailer decompresses without complaint; the trailer check catches it).
    /// </summary>
    [Theory]
    [InlineData("gzip", 2)]
    [InlineData("gzip", 5)]
    [InlineData("zstd", 2)]
    [InlineData("zstd", 5)]
    public async Task Truncated_compressed_tarball_is_invalid_input_naming_the_file(string compression, int cut)
    {
        var file = await CompressAsync(Sample().WriteDockerArchive(_dir.Combine("cut.tar")), compression);
        await using (var f = new FileStream(file, FileMode.Open))
        {
            f.SetLength(cut == 2 ? f.Length / 2 : f.Length - cut);
        }
        var before = Spools();
        var e = await ThrowsVigilAsync(ErrorKind.InvalidInput, () => OpenAsync(file), Path.GetFileName(file));
        Assert.DoesNotContain("vigil-spool", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Spools());
    }

    private async Task<string> CompressAsync(string path, string compression)
    {
        var target = path + (compression == "gzip" ? ".gz" : ".zst");
        await using var input = File.OpenRead(path);
        await using var file = File.Create(target);
        await using Stream output = compression == "gzip"
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest)
            : new ZstdSharp.CompressionStream(file);
        await input.CopyToAsync(output, Ct);
        return target;
    }

    private static string[] Spools() => [.. Directory.GetDirectories(Path.GetTempPath(), "vigil-spool-*").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Malformed_index_json_of_a_layout_is_invalid_input_naming_it()
    {
        var layout = Sample().WriteOciLayout(_dir.Combine("badindex"), "1.0");
        File.Copy(RepoPaths.Fixture("images", "malformed", "index.json"), Path.Combine(layout, "index.json"), overwrite: true);
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => OpenAsync($"oci:{layout}"), "index.json in", "badindex", "not valid JSON");
    }

    [Fact]
    public async Task Malformed_manifest_json_of_a_docker_save_is_invalid_input_naming_it()
    {
        var dir = _dir.Combine("badsave");
        Directory.CreateDirectory(dir);
        File.Copy(RepoPaths.Fixture("images", "malformed", "manifest.json"), Path.Combine(dir, "manifest.json"));
        var tar = _dir.Combine("badsave.tar");
        await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(dir, tar, includeBaseDirectory: false, Ct);
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => OpenAsync(tar), "manifest.json in", "badsave.tar", "not valid JSON");
    }

    [Fact]
    public async Task Truncated_tarball_is_invalid_input_naming_the_file()
    {
        var tar = Sample().WriteDockerArchive(_dir.Combine("cut.tar"));
        await using (var f = new FileStream(tar, FileMode.Open))
        {
            f.SetLength(f.Length - 3000);
        }
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => OpenAsync($"docker-archive:{tar}"), "cut.tar", "truncated");
    }
}
