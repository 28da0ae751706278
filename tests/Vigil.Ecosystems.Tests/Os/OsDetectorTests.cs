using Vigil.Ecosystems.Os;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Os;

public sealed class OsDetectorTests
{
    [Fact]
    public async Task Reads_os_release()
    {
        using var rootfs = new RootFs().Copy(RepoPaths.Combine("samples", "images", "debian", "layer1", "etc", "os-release"), "etc/os-release");
        using var tree = await rootfs.TreeAsync(OsDetector.IsRequired, TestContext.Current.CancellationToken);
        var distro = OsDetector.Detect(tree);
        Assert.Equal(("debian", "12", "bookworm"), (distro?.Id, distro?.VersionId, distro?.Codename));
    }

    [Fact]
    public async Task Follows_the_etc_os_release_symlink_into_usr_lib()
    {
        using var rootfs = new RootFs()
            .Copy(RepoPaths.Combine("samples", "images", "alpine", "layer1", "etc", "os-release"), "usr/lib/os-release")
            .Symlink("etc/os-release", "../usr/lib/os-release");
        using var tree = await rootfs.TreeAsync(OsDetector.IsRequired, TestContext.Current.CancellationToken);
        Assert.Equal(("alpine", "3.18.4"), (OsDetector.Detect(tree)?.Id, OsDetector.Detect(tree)?.VersionId));
    }

    [Fact]
    public async Task Debian_testing_without_version_id_takes_the_codename()
    {
        using var rootfs = new RootFs()
            .Write("etc/os-release", File.ReadAllText(RepoPaths.Fixture("ecosystems", "os-release", "debian-trixie-testing")))
            .Write("etc/debian_version", "trixie/sid\n");
        using var tree = await rootfs.TreeAsync(OsDetector.IsRequired, TestContext.Current.CancellationToken);
        var distro = OsDetector.Detect(tree);
        Assert.Equal(("debian", "13", "trixie"), (distro?.Id, distro?.VersionId, distro?.Codename));
    }

    [Fact]
    public async Task Falls_back_to_the_distribution_release_files()
    {
        using var rootfs = new RootFs().Write("etc/alpine-release", "3.16.2\n");
        using var tree = await rootfs.TreeAsync(OsDetector.IsRequired, TestContext.Current.CancellationToken);
        Assert.Equal(("alpine", "3.16.2"), (OsDetector.Detect(tree)?.Id, OsDetector.Detect(tree)?.VersionId));
    }

    [Theory]
    [InlineData("3.10")]
    [InlineData("3.18")]
    public async Task Reads_real_alpine_os_release_files(string version)
    {
        var fixture = SharedData.Require($"testdata/fixtures/os-release/claircore/alpine__testdata__{version}__etc__os-release");
        using var rootfs = new RootFs().Copy(fixture, "etc/os-release");
        using var tree = await rootfs.TreeAsync(OsDetector.IsRequired, TestContext.Current.CancellationToken);
        var distro = OsDetector.Detect(tree);
        Assert.Equal("alpine", distro?.Id);
        Assert.StartsWith(version, distro?.VersionId, StringComparison.Ordinal);
    }
}
