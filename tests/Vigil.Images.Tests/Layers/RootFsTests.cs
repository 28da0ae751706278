using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;
using static Vigil.Images.Tests.TestImages;

namespace Vigil.Images.Tests.Layers;

public sealed class RootFsTests : IDisposable
{
    private readonly TempDirectory _dir = new("rootfs");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Rootfs_paths_report_layer_minus_one_and_links_stay_inside()
    {
        var root = new ImageBuilder()
            .Layer(l => l.FileFromFixture("usr/lib/os-release", "images/files/os-release").Symlink("etc/os-release", "../usr/lib/os-release").File("etc/motd", "m"))
            .Layer(l => l.Whiteout("etc/motd").Symlink("etc/host-passwd", "/etc/passwd").Symlink("bin", "usr/bin").File("usr/bin/sh", "sh"))
            .WriteRootFs(_dir.Combine("root"));

        using var tree = await SquashAsync($"fs://{root}", "etc/os-release", "etc/host-passwd", "bin/sh");
        Assert.Empty(tree.Layers);
        Assert.Contains("ID=debian", ReadText(tree, "etc/os-release"), StringComparison.Ordinal);
        Assert.Equal(-1, tree.Find("etc/os-release")!.LayerIndex);
        Assert.Equal([new FileVersion(-1, false)], tree.History("usr/lib/os-release"));
        Assert.Contains("ID=debian", ReadText(tree, "usr/lib/os-release", -1), StringComparison.Ordinal);
        Assert.Null(tree.Find("etc/motd"));
        // The host has /etc/passwd; the rootfs does not: the link must not reach the host.
        Assert.Null(tree.Find("etc/host-passwd"));
        Assert.Equal(FileKind.Symlink, ((Vigil.Images.Layers.SquashedTree)tree).Walk("etc").Single(e => e.Path == "etc/host-passwd").Kind);
        Assert.Equal("sh", ReadText(tree, "bin/sh"));
    }

    [Fact]
    public async Task Rootfs_symlink_to_host_file_resolves_to_the_rootfs_copy()
    {
        var root = new ImageBuilder()
            .Layer(l => l.FileFromFixture("etc/passwd", "images/files/passwd").Symlink("link", "/etc/passwd"))
            .WriteRootFs(_dir.Combine("root2"));
        using var tree = await SquashAsync(root, "link");
        Assert.Contains("image-user", ReadText(tree, "link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_rootfs_is_not_found()
    {
        await ThrowsVigilAsync(ErrorKind.NotFound, () => OpenAsync($"fs://{_dir.Combine("nope")}"), "nope");
    }
}
