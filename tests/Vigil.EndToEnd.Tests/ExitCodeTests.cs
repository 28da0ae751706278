using Vigil.TestKit;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>Acceptance: each of the exit codes 0, 1, 2 and 3 through the real vigil process.</summary>
public sealed class ExitCodeTests(CliFixture cli) : IClassFixture<CliFixture>
{
    /// <summary>The demo Debian image's files as an unpacked root filesystem.</summary>
    private static RootFs SampleDebianRootFs()
    {
        var rootfs = new RootFs();
        foreach (var layer in new[] { "layer1", "layer2" })
        {
            var dir = RepoPaths.Combine("samples", "images", "debian", layer);
            foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
                rootfs.Copy(file, Path.GetRelativePath(dir, file));
        }
        return rootfs;
    }

    [Fact]
    public async Task Zero_when_nothing_reaches_the_threshold()
    {
        using var rootfs = SampleDebianRootFs();
        var run = await cli.RunAsync("scan", "fs://" + rootfs.Path, "--fail-on", "critical");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Two_when_the_policy_fails()
    {
        using var rootfs = SampleDebianRootFs();
        var run = await cli.RunAsync("scan", "fs://" + rootfs.Path, "--fail-on", "high");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("CVE-2023-4911", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_with_exit_code_when_anything_is_shown()
    {
        using var rootfs = SampleDebianRootFs();
        Assert.Equal(0, (await cli.RunAsync("cves", "fs://" + rootfs.Path, "--format", "json")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("cves", "fs://" + rootfs.Path, "--exit-code", "--format", "json")).ExitCode);
        // Filters decide what is shown, and so what is gated: no critical finding in the sample.
        Assert.Equal(0, (await cli.RunAsync("cves", "fs://" + rootfs.Path, "--exit-code", "--only-severity", "critical", "--format", "json")).ExitCode);
    }

    [Fact]
    public async Task Three_when_an_os_is_detected_but_no_package_is_found()
    {
        using var rootfs = new RootFs().Copy(RepoPaths.Combine("samples", "images", "debian", "layer1", "etc", "os-release"), "etc/os-release");
        var run = await cli.RunAsync("scan", "fs://" + rootfs.Path);
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("0 packages were found", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_when_the_package_database_is_malformed()
    {
        using var rootfs = SampleDebianRootFs();
        rootfs.Copy(RepoPaths.Fixture("ecosystems", "dpkg", "status-missing-version"), "var/lib/dpkg/status");
        var run = await cli.RunAsync("scan", "fs://" + rootfs.Path, "--fail-on", "critical");
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("/var/lib/dpkg/status is malformed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_when_nothing_at_all_is_recognised()
    {
        using var rootfs = new RootFs().Write("srv/hello.txt", "hello\n");
        var run = await cli.RunAsync("sbom", "fs://" + rootfs.Path);
        Assert.True(run.ExitCode == 3, run.ToString());
    }

    [Fact]
    public async Task One_for_an_image_that_does_not_exist()
    {
        var run = await cli.RunAsync("scan", "archive:///nonexistent/image.tar");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("/nonexistent/image.tar", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task One_for_a_missing_database_with_the_command_to_build_it()
    {
        using var rootfs = SampleDebianRootFs();
        var run = await Vigil.TestKit.Cli.VigilProcess.RunAsync(["cves", "fs://" + rootfs.Path],
            new Dictionary<string, string> { ["VIGIL_DB"] = "/nonexistent/vigil.db" });
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("vigil db import", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_for_bad_arguments()
    {
        Assert.Equal(1, (await cli.RunAsync("scan")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("scan", "fs:///tmp", "--fail-on", "severe")).ExitCode);
    }
}
