using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>
/// Acceptance: hostile or broken images get a clear error (what, where, what to do) and exit code 1 through the
/// real vigil process, and nothing that looks like a report is written.
/// </summary>
public sealed class BadInputTests(CliFixture cli) : IClassFixture<CliFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("vigil-bad");

    private static ImageBuilder Debian() => new ImageBuilder()
        .Layer(l => l
            .FileFromFixture("etc/os-release", RepoPaths.Combine("samples", "images", "debian", "layer1", "etc", "os-release"))
            .FileFromFixture("var/lib/dpkg/status", RepoPaths.Combine("samples", "images", "debian", "layer1", "var", "lib", "dpkg", "status")));

    private async Task AssertErrorAsync(string reference, params string[] mentions)
    {
        var report = _dir.Combine("report.json");
        var run = await cli.RunAsync("cves", reference, "--format", "json", "-o", report);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint", run.Stderr, StringComparison.Ordinal);
        foreach (var m in mentions) Assert.Contains(m, run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(report), "a failed scan wrote a report");
    }

    [Fact]
    public async Task Truncated_tarball()
    {
        var archive = Debian().WriteDockerArchive(_dir.Combine("image.tar"));
        using (var f = File.OpenWrite(archive)) f.SetLength(f.Length / 2);
        await AssertErrorAsync("docker-archive:" + archive, "image.tar");
    }

    [Fact]
    public async Task Blob_whose_digest_is_wrong()
    {
        var layout = Debian().WithWrongLayerDigest(0).WriteOciLayout(_dir.Combine("layout"));
        await AssertErrorAsync($"oci-dir://{layout}:latest", "digest");
    }

    [Fact]
    public async Task Truncated_blob()
    {
        var layout = Debian().WithTruncatedLayer(0).WriteOciLayout(_dir.Combine("layout"));
        await AssertErrorAsync($"oci-dir://{layout}:latest", "truncated");
    }

    [Fact]
    public async Task Entry_that_climbs_out_of_the_root()
    {
        var layout = Debian().Layer(l => l.File("../../tmp/vigil-escape", "x")).WriteOciLayout(_dir.Combine("layout"));
        await AssertErrorAsync($"oci-dir://{layout}:latest", "../../tmp/vigil-escape");
        Assert.False(File.Exists("/tmp/vigil-escape"));
    }

    [Fact]
    public async Task Decompression_bomb()
    {
        // 200 MiB of zeros in a few KiB of zstd: far past the ratio a real layer has.
        var layout = Debian().Layer(l => l.File("zeros", () => GeneratedStream.Zeros(200L * 1024 * 1024)), LayerCompression.Zstd)
            .WriteOciLayout(_dir.Combine("layout"));
        await AssertErrorAsync($"oci-dir://{layout}:latest", "bomb");
    }

    [Fact]
    public async Task Unknown_media_type()
    {
        var layout = Debian().WithManifestMediaType("application/vnd.example.unknown+json").WriteOciLayout(_dir.Combine("layout"));
        await AssertErrorAsync($"oci-dir://{layout}:latest", "application/vnd.example.unknown+json");
    }

    [Fact]
    public async Task A_symlink_out_of_the_root_never_reads_the_host()
    {
        // On the host this target is the host's own dpkg database: following the link outside the image would list its packages.
        var layout = new ImageBuilder()
            .Layer(l => l
                .FileFromFixture("etc/os-release", RepoPaths.Combine("samples", "images", "debian", "layer1", "etc", "os-release"))
                .Symlink("var/lib/dpkg/status", "/proc/self/root/var/lib/dpkg/status"))
            .WriteOciLayout(_dir.Combine("layout"));
        var run = await cli.RunAsync("sbom", $"oci-dir://{layout}:latest", "--format", "json");
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("\"packages\": []", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
