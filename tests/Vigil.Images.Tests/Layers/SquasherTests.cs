using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;
using static Vigil.Images.Tests.TestImages;

namespace Vigil.Images.Tests.Layers;

public sealed class SquasherTests : IDisposable
{
    private readonly TempDirectory _dir = new("squash");

    public void Dispose() => _dir.Dispose();

    private async Task<IFileTree> Squash(ImageBuilder image, params string[] required) =>
        await SquashAsync($"oci:{image.WriteOciLayout(_dir.Combine(Guid.NewGuid().ToString("N")))}", required);

    [Fact]
    public async Task Whiteout_deletes_a_file_and_a_directory_from_lower_layers()
    {
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.File("etc/motd", "hi").File("opt/app/a", "1").File("opt/app/sub/b", "2").File("keep", "k"))
            .Layer(l => l.Whiteout("etc/motd").Whiteout("opt/app")));
        Assert.Null(tree.Find("etc/motd"));
        Assert.Null(tree.Find("opt/app"));
        Assert.Null(tree.Find("opt/app/sub/b"));
        Assert.NotNull(tree.Find("keep"));
        Assert.NotNull(tree.Find("etc"));
        Assert.Equal([new FileVersion(0, false), new FileVersion(1, true)], tree.History("etc/motd"));
        Assert.Equal([new FileVersion(0, false), new FileVersion(1, true)], tree.History("opt/app/sub/b"));
        Assert.Null(tree.Find(".wh.motd"));
        Assert.Null(tree.Find("etc/.wh.motd"));
    }

    [Fact]
    public async Task Opaque_directory_hides_lower_layers_only_whatever_the_entry_order()
    {
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.File("etc/ssl/old.pem", "old").File("etc/ssl/certs/ca.pem", "ca").File("etc/hosts", "h"))
            // The new file comes before the marker in the tar: it must survive.
            .Layer(l => l.File("etc/ssl/new.pem", "new").OpaqueDirectory("etc/ssl"))
            .Layer(l => l.File("etc/ssl/later.pem", "later")), "etc/ssl/new.pem");
        Assert.Equal(["etc/ssl/later.pem", "etc/ssl/new.pem"], tree.ListFiles("etc/ssl").Select(f => f.Path));
        Assert.Null(tree.Find("etc/ssl/certs"));
        Assert.NotNull(tree.Find("etc/hosts"));
        Assert.Equal("new", ReadText(tree, "etc/ssl/new.pem"));
        Assert.Equal([new FileVersion(0, false), new FileVersion(1, true)], tree.History("etc/ssl/old.pem"));
    }

    [Fact]
    public async Task Later_layers_overwrite_and_each_version_is_kept_with_its_layer()
    {
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.File("var/lib/dpkg/status", "Package: base\n"))
            .Layer(l => l.File("unrelated", "x"))
            .Layer(l => l.File("var/lib/dpkg/status", "Package: base\n\nPackage: curl\n")), "var/lib/dpkg/status");
        Assert.Equal([new FileVersion(0, false), new FileVersion(2, false)], tree.History("var/lib/dpkg/status"));
        Assert.Equal("Package: base\n", ReadText(tree, "var/lib/dpkg/status", 0));
        Assert.Equal("Package: base\n\nPackage: curl\n", ReadText(tree, "var/lib/dpkg/status", 2));
        Assert.Equal("Package: base\n\nPackage: curl\n", ReadText(tree, "var/lib/dpkg/status"));
        Assert.Equal(2, tree.Find("var/lib/dpkg/status")!.LayerIndex);
        Assert.Equal(3, tree.Layers.Count);
        var e = Assert.Throws<VigilException>(() => tree.OpenRead("var/lib/dpkg/status", 1));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Content_is_kept_only_for_required_paths()
    {
        using var tree = await Squash(new ImageBuilder().Layer(l => l.File("wanted", "w").File("other", "o")), "wanted");
        Assert.Equal("w", ReadText(tree, "wanted"));
        var e = Assert.Throws<VigilException>(() => tree.OpenRead("other"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("not retained", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, tree.Find("other")!.Size);
    }

    [Fact]
    public async Task Large_retained_files_spill_to_disk_and_the_cap_is_an_error()
    {
        var big = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(big);
        var image = new ImageBuilder().Layer(l => l.File("big.bin", big));
        using (var tree = await Squash(image, "big.bin"))
        {
            using var s = tree.OpenRead("big.bin");
            var copy = new MemoryStream();
            await s.CopyToAsync(copy, Ct);
            Assert.Equal(big, copy.ToArray());
        }
        await using var opened = await OpenAsync($"oci:{image.WriteOciLayout(_dir.Combine("cap"))}");
        await ThrowsVigilAsync(ErrorKind.InvalidInput,
            () => Squasher.SquashAsync(opened, p => p == "big.bin", new SquashOptions(MaxRetainedFileBytes: 1024 * 1024), null, Ct),
            "big.bin", "layer 0");
    }

    [Fact]
    public async Task Paths_are_normalised()
    {
        using var tree = await Squash(new ImageBuilder().Layer(l => l.File("./a/./b//c", "c").File("/abs", "x").File("d/../e", "e")), "a/b/c", "abs", "e");
        Assert.Equal("c", ReadText(tree, "a/b/c"));
        Assert.Equal("c", ReadText(tree, "/a/b/c"));
        Assert.Equal("x", ReadText(tree, "abs"));
        Assert.Equal("e", ReadText(tree, "e"));
        Assert.Equal("a/b/c", tree.Find("./a//b/c")!.Path);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/../../etc/passwd")]
    public async Task Entry_that_escapes_the_root_is_refused_naming_layer_and_entry(string name)
    {
        var layout = new ImageBuilder().Layer(l => l.File("ok", "1")).Layer(l => l.File(name, "evil")).WriteOciLayout(_dir.Combine("esc"));
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => SquashAsync($"oci:{layout}"), "layer 1", name);
    }

    [Fact]
    public async Task Hard_link_escaping_the_root_is_refused()
    {
        var layout = new ImageBuilder().Layer(l => l.HardLink("shadow", "../../etc/shadow")).WriteOciLayout(_dir.Combine("hl"));
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => SquashAsync($"oci:{layout}"), "layer 0", "../../etc/shadow");
    }

    [Fact]
    public async Task Hard_links_share_their_targets_content()
    {
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.File("usr/bin/python3.11", "#!python").HardLink("usr/bin/python3", "usr/bin/python3.11"))
            .Layer(l => l.HardLink("usr/bin/py", "./usr/bin/python3.11")), "usr/bin/python3.11", "usr/bin/python3");
        var link = tree.Find("usr/bin/python3")!;
        Assert.Equal(FileKind.HardLink, link.Kind);
        Assert.Equal("usr/bin/python3.11", link.LinkTarget);
        Assert.Equal(8, link.Size);
        Assert.Equal("#!python", ReadText(tree, "usr/bin/python3"));
        Assert.Equal(1, tree.Find("usr/bin/py")!.LayerIndex);
        Assert.Contains("usr/bin/python3", tree.ListFiles("usr/bin").Select(f => f.Path));
    }

    [Fact]
    public async Task Required_link_to_an_unrequired_file_still_gets_its_content()
    {
        // Debian: etc/os-release -> ../usr/lib/os-release; only etc/os-release is asked for.
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.FileFromFixture("usr/lib/os-release", "images/files/os-release").Symlink("etc/os-release", "../usr/lib/os-release"))
            .Layer(l => l.File("usr/bin/tool", "t").HardLink("usr/bin/tool2", "usr/bin/tool")), "etc/os-release", "usr/bin/tool2");
        Assert.Contains("VERSION_CODENAME=bookworm", ReadText(tree, "etc/os-release"), StringComparison.Ordinal);
        Assert.Equal("usr/lib/os-release", tree.Find("etc/os-release")!.Path);
        Assert.Equal("t", ReadText(tree, "usr/bin/tool2"));
    }

    [Fact]
    public async Task Required_path_under_a_linked_directory_gets_its_content()
    {
        // Fedora: var/lib/rpm -> ../../usr/lib/sysimage/rpm, written in a later layer than the database.
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.File("usr/lib/sysimage/rpm/rpmdb.sqlite", "db"))
            .Layer(l => l.Symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm").Symlink("everything", "/")),
            "var/lib/rpm/rpmdb.sqlite", "everything/usr/lib/sysimage/rpm/rpmdb.sqlite");
        Assert.Equal("db", ReadText(tree, "var/lib/rpm/rpmdb.sqlite"));
        Assert.Equal("usr/lib/sysimage/rpm/rpmdb.sqlite", tree.Find("var/lib/rpm/rpmdb.sqlite")!.Path);
        Assert.Equal([new FileVersion(0, false)], tree.History("var/lib/rpm/rpmdb.sqlite"));
        Assert.Equal("db", ReadText(tree, "var/lib/rpm/rpmdb.sqlite", 0));
    }

    [Fact]
    public async Task Symlinks_resolve_inside_the_root_only()
    {
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l
                .FileFromFixture("etc/passwd", "images/files/passwd")
                .Symlink("abs", "/etc/passwd")
                .Symlink("climb", "../../../../../etc/passwd")
                .Symlink("usr/lib64", "lib")
                .File("usr/lib/libc.so", "libc")
                .Symlink("lib", "usr/lib")
                .Symlink("dangling", "/nonexistent/thing")), "etc/passwd");
        Assert.Contains("image-user", ReadText(tree, "abs"), StringComparison.Ordinal);
        Assert.Contains("image-user", ReadText(tree, "climb"), StringComparison.Ordinal);
        Assert.Equal("etc/passwd", tree.Find("climb")!.Path);
        Assert.Equal("usr/lib/libc.so", tree.Find("lib/libc.so")!.Path);
        Assert.Equal("usr/lib/libc.so", tree.Find("usr/lib64/libc.so")!.Path);
        Assert.Equal(["usr/lib/libc.so"], tree.ListFiles("lib").Select(f => f.Path));
        Assert.Null(tree.Find("dangling"));
    }

    [Fact]
    public async Task Symlink_out_of_the_root_never_reads_the_host()
    {
        // The image has no etc/passwd: a link to /etc/passwd must find nothing, not the host's file.
        using var tree = await Squash(new ImageBuilder().Layer(l => l.Symlink("etc/passwd-link", "/etc/passwd").Symlink("up", "../../../../etc/hostname")),
            "etc/passwd-link", "up", "etc/passwd");
        Assert.Null(tree.Find("etc/passwd-link"));
        Assert.Null(tree.Find("up"));
        var e = Assert.Throws<VigilException>(() => tree.OpenRead("etc/passwd-link"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Symlink_loops_are_detected_and_reported()
    {
        using var tree = await Squash(new ImageBuilder().Layer(l => l.Symlink("a", "b").Symlink("b", "/a").Symlink("self", "self")));
        var e = Assert.Throws<VigilException>(() => tree.Find("a"));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("loop", e.Message, StringComparison.Ordinal);
        Assert.Throws<VigilException>(() => tree.Find("self/x"));
    }

    [Fact]
    public async Task Entries_written_through_a_linked_directory_land_where_it_leads()
    {
        // Merged /usr: lib -> usr/lib in the base; a later layer's tar names lib/… (and whites out lib/old.so).
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.Directory("usr/lib").Symlink("lib", "usr/lib").File("usr/lib/old.so", "old"))
            .Layer(l => l.File("lib/apk/db/installed", "P:musl\n").Whiteout("lib/old.so")), "usr/lib/apk/db/installed");
        Assert.Equal(FileKind.Symlink, ((SquashedTree)tree).Walk().Single(e => e.Path == "lib").Kind);
        Assert.Equal("usr/lib/apk/db/installed", tree.Find("lib/apk/db/installed")!.Path);
        Assert.Equal("P:musl\n", ReadText(tree, "lib/apk/db/installed"));
        Assert.Null(tree.Find("usr/lib/old.so"));
        Assert.Equal([new FileVersion(1, false)], tree.History("usr/lib/apk/db/installed"));
    }

    [Fact]
    public async Task Directory_replaced_by_a_file_loses_its_children()
    {
        using var tree = await Squash(new ImageBuilder()
            .Layer(l => l.File("x/child", "c"))
            .Layer(l => l.File("x", "now a file")));
        Assert.Equal(FileKind.File, tree.Find("x")!.Kind);
        Assert.Null(tree.Find("x/child"));
        Assert.Equal([new FileVersion(0, false), new FileVersion(1, true)], tree.History("x/child"));
    }

    [Fact]
    public async Task Progress_reports_each_layer()
    {
        var layout = new ImageBuilder().Layer(l => l.File("a", "1")).Layer(l => l.File("b", "2")).WriteOciLayout(_dir.Combine("progress"));
        await using var image = await OpenAsync($"oci:{layout}");
        var reports = new List<LayerProgress>();
        using var tree = await Squasher.SquashAsync(image, _ => false, new SyncProgress(reports), Ct);
        Assert.Equal([0, 1], reports.Where(r => r.Done).Select(r => r.LayerIndex));
        Assert.All(reports.Where(r => r.Done), r => Assert.Equal(1, r.Entries));
    }

    private sealed class SyncProgress(List<LayerProgress> into) : IProgress<LayerProgress>
    {
        public void Report(LayerProgress value) => into.Add(value);
    }
}
