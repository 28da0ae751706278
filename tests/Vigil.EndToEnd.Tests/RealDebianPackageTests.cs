using Vigil.Core.Seams;
using Vigil.Scanning;
using Vigil.TestKit;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>
/// Acceptance: real Debian 12 images built with mmdebstrap, scanned from every source kind, list exactly the
/// packages dpkg-query lists, and each package records the layer that introduced it.
/// </summary>
public sealed class RealDebianPackageTests
{
    public static TheoryData<string, string> Sources => new()
    {
        { "docker-archive", "minbase" }, { "oci-dir", "minbase" }, { "oci-archive", "minbase" }, { "rootfs", "minbase" },
        { "docker-archive", "pkgs" }, { "oci-dir", "pkgs" }, { "oci-archive", "pkgs" }, { "rootfs", "pkgs" },
    };

    internal static string Reference(string root, string kind, string tag) => kind switch
    {
        "docker-archive" => "docker-archive:" + RealImages.DockerArchive(root, "debian-bookworm", tag),
        "oci-dir" => $"oci-dir://{RealImages.OciLayout(root, "debian-bookworm")}:{tag}",
        "oci-archive" => $"oci-archive:{RealImages.OciArchive(root, "debian-bookworm", tag)}",
        _ => "fs://" + RealImages.RootFs(root, "debian-bookworm", tag),
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Package_list_equals_dpkg_query(string kind, string tag)
    {
        var root = RealImages.Require();
        var expected = await ExternalTool.DpkgQueryAsync(RealImages.RootFs(root, "debian-bookworm", tag), TestContext.Current.CancellationToken);

        var index = await ImageScan.IndexReferenceAsync(Reference(root, kind, tag), new ImageOpenOptions(), new Scanner(), null, TestContext.Current.CancellationToken);

        Assert.Equal("debian", index.Os?.Id);
        Assert.Equal("12", index.Os?.VersionId);
        Assert.DoesNotContain(index.Warnings, w => w.Incomplete);
        var actual = index.Packages.Where(p => p.Type == "deb").Select(p => (p.Name, p.Version, p.Architecture ?? "")).Order().ToList();
        Assert.Equal(expected.Order().ToList(), actual);
    }

    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-dir")]
    [InlineData("oci-archive")]
    public async Task Each_package_records_the_layer_that_introduced_it(string kind)
    {
        var root = RealImages.Require();
        // The pkgs image is minbase plus one layer: a package that minbase holds at the same version came from layer 0.
        var baseline = (await ExternalTool.DpkgQueryAsync(RealImages.RootFs(root, "debian-bookworm", "minbase"), TestContext.Current.CancellationToken))
            .Select(p => (p.Name, p.Version, p.Arch)).ToHashSet();

        var index = await ImageScan.IndexReferenceAsync(Reference(root, kind, "pkgs"), new ImageOpenOptions(), new Scanner(), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, index.Target.Layers.Count);
        var debs = index.Packages.Where(p => p.Type == "deb").ToList();
        Assert.Contains(debs, p => p.LayerIndex == 0);
        Assert.Contains(debs, p => p.LayerIndex == 1);
        foreach (var p in debs)
        {
            var expectedLayer = baseline.Contains((p.Name, p.Version, p.Architecture ?? "")) ? 0 : 1;
            Assert.True(expectedLayer == p.LayerIndex, $"{p.Name} {p.Version}: layer {p.LayerIndex}, expected {expectedLayer}");
            Assert.Equal(index.Target.Layers[p.LayerIndex].DiffId.ToString(), p.LayerDiffId);
        }
    }

    /// <summary>
    /// Each package's licences come from its usr/share/doc/PACKAGE/copyright: where that file has a one-word
    /// License field, the first such name is among them; without a file there are none.
    /// </summary>
    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-dir")]
    public async Task Licences_come_from_each_packages_copyright_file(string kind)
    {
        var root = RealImages.Require();
        var rootfs = RealImages.RootFs(root, "debian-bookworm", "pkgs");
        var index = await ImageScan.IndexReferenceAsync(Reference(root, kind, "pkgs"), new ImageOpenOptions(), new Scanner(), null, TestContext.Current.CancellationToken);

        var debs = index.Packages.Where(p => p.Type == "deb").ToList();
        foreach (var p in debs)
        {
            var copyright = Path.Combine(rootfs, "usr/share/doc", p.Name, "copyright");
            if (!File.Exists(copyright))
            {
                Assert.Empty(p.Licenses);
                continue;
            }
            var first = File.ReadLines(copyright)
                .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^License:[ \t]*(\S+)[ \t]*$"))
                .FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (first is not null) Assert.True(p.Licenses.Contains(first), $"{p.Name}: {first} not in [{string.Join(", ", p.Licenses)}]");
        }
        Assert.Contains("GPL-3+", Assert.Single(debs, p => p.Name == "bash").Licenses);
        Assert.True(debs.Count(p => p.Licenses.Count > 0) >= debs.Count - 15, $"{debs.Count(p => p.Licenses.Count == 0)} of {debs.Count} packages have no licence");
    }
}
