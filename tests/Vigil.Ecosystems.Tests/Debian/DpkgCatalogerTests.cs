using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Debian;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Debian;

public sealed class DpkgCatalogerTests
{
    private static readonly Distro Bookworm = new("debian", "12", "bookworm", null);

    private static async Task<(List<Package> Packages, List<ScanWarning> Warnings)> CatalogAsync(RootFs rootfs)
    {
        var cataloger = new DpkgCataloger();
        using var tree = await rootfs.TreeAsync(cataloger.IsRequired, TestContext.Current.CancellationToken);
        var warnings = new List<ScanWarning>();
        var packages = new List<Package>();
        await foreach (var p in cataloger.CatalogAsync(new CatalogContext(tree, Bookworm, warnings.Add), TestContext.Current.CancellationToken))
            packages.Add(p);
        return (packages, warnings);
    }

    [Fact]
    public async Task Reads_installed_packages_with_their_source()
    {
        using var rootfs = new RootFs().Copy(RepoPaths.Fixture("ecosystems", "dpkg", "status-sources"), DpkgCataloger.StatusPath);
        var (packages, warnings) = await CatalogAsync(rootfs);

        Assert.Empty(warnings);
        var libc = Assert.Single(packages, p => p.Name == "libc6");
        Assert.Equal(("glibc", "2.36-9+deb12u4"), (libc.SourceName, libc.SourceVersion));
        Assert.Equal("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc", libc.Purl);
        var gcc = Assert.Single(packages, p => p.Name == "libgcc-s1");
        Assert.Equal(("gcc-12", "12.2.0-14"), (gcc.SourceName, gcc.SourceVersion));
        Assert.Equal("1:12.2.0-14", gcc.Version);
        var tar = Assert.Single(packages, p => p.Name == "tar");
        Assert.Equal(("tar", "1.34+dfsg-1.2+deb12u1"), (tar.SourceName, tar.SourceVersion));
        Assert.Equal(DpkgCataloger.StatusPath, tar.Location);
    }

    /// <summary>
    /// DEP-5 License fields (with "or", ",", "_or_" and exception forms; prose skipped), free-form files pointing at
    /// /usr/share/common-licenses, and a doc directory symlinked to another package's.
    /// </summary>
    [Fact]
    public async Task Reads_licences_from_the_packages_copyright_files()
    {
        var docs = RepoPaths.Fixture("ecosystems", "dpkg", "copyright");
        using var rootfs = new RootFs()
            .Copy(RepoPaths.Fixture("ecosystems", "dpkg", "status-sources"), DpkgCataloger.StatusPath)
            .Copy(Path.Combine(docs, "tar"), "usr/share/doc/tar/copyright")
            .Copy(Path.Combine(docs, "libc6"), "usr/share/doc/libc6/copyright")
            .Copy(Path.Combine(docs, "gcc-12-base"), "usr/share/doc/gcc-12-base/copyright")
            .Symlink("usr/share/doc/libgcc-s1", "gcc-12-base");
        var (packages, warnings) = await CatalogAsync(rootfs);

        Assert.Empty(warnings);
        var expected = File.ReadLines(RepoPaths.Fixture("ecosystems", "dpkg", "copyright-licenses.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => c[1]);
        Assert.Equal(expected.Keys.Order(), packages.Select(p => p.Name).Order());
        Assert.All(packages, p => Assert.Equal(expected[p.Name], string.Join(" | ", p.Licenses)));
    }

    [Fact]
    public async Task Counts_only_packages_whose_files_are_on_disk()
    {
        // osv-scalibr's statusfield fixture: every dpkg state in one file.
        var fixture = SharedData.Require("testdata/fixtures/dpkg/osv-scalibr/dpkg__statusfield");
        using var rootfs = new RootFs().Copy(fixture, DpkgCataloger.StatusPath);
        var (packages, _) = await CatalogAsync(rootfs);

        Assert.Equal(
            ["wantdeinstall_installed", "wantinstall_halfinstalled", "wantinstall_installed", "wantinstall_unpacked", "wantnostatus", "wantpurge_installed"],
            packages.Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public async Task Reads_distroless_status_d_entries_and_skips_their_companions()
    {
        var dir = SharedData.Require("testdata/fixtures/dpkg/syft");
        using var rootfs = new RootFs()
            .Copy(Path.Combine(dir, "image-distroless-deb__var__lib__dpkg__status.d__libsqlite3-0"), "var/lib/dpkg/status.d/libsqlite3-0")
            .Copy(Path.Combine(dir, "image-distroless-deb__var__lib__dpkg__status.d__libsqlite3-0.md5sums"), "var/lib/dpkg/status.d/libsqlite3-0.md5sums")
            .Copy(Path.Combine(dir, "image-pkg-coverage__pkgs__var__lib__dpkg__status.d__dash"), "var/lib/dpkg/status.d/dash");
        var (packages, warnings) = await CatalogAsync(rootfs);

        Assert.Empty(warnings);
        Assert.Equal(["dash", "libsqlite3-0"], packages.Select(p => p.Name).Order().ToArray());
        Assert.All(packages, p => Assert.StartsWith("var/lib/dpkg/status.d/", p.Location, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("testdata/fixtures/dpkg/osv-scalibr/dpkg__invalid")]
    [InlineData("testdata/fixtures/dpkg/syft/var__lib__dpkg__status.d__corrupt")]
    public async Task A_malformed_database_is_reported_as_incomplete_never_as_fewer_packages(string fixture)
    {
        using var rootfs = new RootFs().Copy(SharedData.Require(fixture), DpkgCataloger.StatusPath);
        var (_, warnings) = await CatalogAsync(rootfs);

        var warning = Assert.Single(warnings);
        Assert.True(warning.Incomplete);
        Assert.Contains("/var/lib/dpkg/status is malformed", warning.Message, StringComparison.Ordinal);
        Assert.Contains("line ", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_without_a_version_is_a_malformed_database()
    {
        using var rootfs = new RootFs().Copy(RepoPaths.Fixture("ecosystems", "dpkg", "status-missing-version"), DpkgCataloger.StatusPath);
        var (packages, warnings) = await CatalogAsync(rootfs);

        Assert.Contains("has no Version field", Assert.Single(warnings).Message, StringComparison.Ordinal);
        Assert.Equal(["bash"], packages.Select(p => p.Name).ToArray());
    }
}
