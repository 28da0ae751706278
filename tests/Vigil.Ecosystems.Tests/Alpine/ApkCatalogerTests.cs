using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Alpine;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Alpine;

public sealed class ApkCatalogerTests
{
    private static readonly Distro Alpine318 = new("alpine", "3.18.4", null, null);

    private static async Task<(List<Package> Packages, List<ScanWarning> Warnings)> CatalogAsync(string fixture)
    {
        using var rootfs = new RootFs().Copy(fixture, ApkCataloger.InstalledPath);
        var cataloger = new ApkCataloger();
        using var tree = await rootfs.TreeAsync(cataloger.IsRequired, TestContext.Current.CancellationToken);
        var warnings = new List<ScanWarning>();
        var packages = new List<Package>();
        await foreach (var p in cataloger.CatalogAsync(new CatalogContext(tree, Alpine318, warnings.Add), TestContext.Current.CancellationToken))
            packages.Add(p);
        return (packages, warnings);
    }

    [Fact]
    public async Task Reads_every_package_with_origin_arch_and_licence()
    {
        var fixture = SharedData.Require("testdata/fixtures/apk/osv-scalibr/installed");
        var (packages, warnings) = await CatalogAsync(fixture);

        Assert.Empty(warnings);
        // The count is the file's own: one P: line per package.
        Assert.Equal(File.ReadLines(fixture).Count(l => l.StartsWith("P:", StringComparison.Ordinal)), packages.Count);
        var libssl = Assert.Single(packages, p => p.Name == "libssl3");
        Assert.Equal(("openssl", "3.1.0-r4", "x86_64"), (libssl.SourceName, libssl.Version, libssl.Architecture));
        Assert.Equal("pkg:apk/alpine/libssl3@3.1.0-r4?arch=x86_64&distro=alpine-3.18.4&upstream=openssl", libssl.Purl);
        Assert.Contains("Apache-2.0", libssl.Licenses);
    }

    [Fact]
    public async Task A_package_without_origin_is_its_own_origin()
    {
        var (packages, _) = await CatalogAsync(SharedData.Require("testdata/fixtures/apk/osv-scalibr/no-origin"));
        Assert.All(packages, p => Assert.Equal(p.Name, p.SourceName));
    }

    [Fact]
    public async Task A_corrupt_database_is_reported_as_incomplete()
    {
        var (_, warnings) = await CatalogAsync(SharedData.Require("testdata/fixtures/apk/syft/corrupt.installed"));
        var warning = Assert.Single(warnings);
        Assert.True(warning.Incomplete);
        Assert.Contains("/lib/apk/db/installed is malformed", warning.Message, StringComparison.Ordinal);
    }
}
