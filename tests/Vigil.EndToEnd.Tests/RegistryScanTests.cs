using Vigil.Core.Seams;
using Vigil.Database;
using Vigil.Images.Registry;
using Vigil.Images.Sources;
using Vigil.Scanning;
using Vigil.TestKit;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>
/// Acceptance for registry scans: the real Debian image pushed to the real CNCF registry gives the same packages and
/// findings as its docker-archive, by tag and by digest; registry failures reach the user (here through `vigil sbom`, which needs no database) as exit 1 with a usable message.
/// </summary>
public sealed class RegistryScanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The CLI's environment with a HOME of the test's own, so its blob cache and docker config are not the user's.</summary>
    private static Dictionary<string, string> Env(TempDirectory home) => new() { ["HOME"] = home.Path, ["DOCKER_CONFIG"] = home.Combine(".docker") };

    [Fact]
    public async Task The_registry_image_has_the_packages_and_findings_of_its_docker_archive_by_tag_and_by_digest()
    {
        var root = RealImages.Require();
        var tracker = SharedData.Require("testdata/advisories/debian-vuln-list-sample/tracker");
        Tools.Require("docker-registry", "docker-registry");
        using var temp = new TempDirectory("vigil-registry-scan");
        var dbPath = temp.Combine("vigil.db");
        await DatabaseImporter.ImportAsync(dbPath, [tracker], Ecosystems.Ecosystems.FeedParsers, null, Ct);
        await using var registry = await DistributionRegistry.StartAsync(new RegistryAuth.None(), Ct);
        await Tools.SkopeoCopyAsync($"oci:{RealImages.OciLayout(root, "debian-bookworm")}:pkgs", $"docker://{registry.Authority}/realimg/debian-bookworm:pkgs", Ct);

        var sources = ImageSources.All.WithRegistryOptions(
            new RegistryOptions(DockerConfigPath: "/nonexistent/config.json", CacheDirectory: temp.Combine("cache")) { Environment = _ => null });
        var scanner = new Scanner();
        await using var db = await AdvisoryDatabase.OpenAsync(dbPath, Ct);

        async Task<(Vigil.Core.Model.IndexReport Index, Vigil.Core.Model.ScanResult Result)> Scan(string reference)
        {
            await using var image = await ImageOpener.OpenAsync(reference, new ImageOpenOptions(), sources, Ct);
            var index = await scanner.IndexAsync(image, null, Ct);
            return (index, await scanner.MatchAsync(index, db, Policy.Default, Ct));
        }

        var archive = await Scan(RealImages.DockerArchive(root, "debian-bookworm", "pkgs"));
        var byTag = await Scan($"{registry.Authority}/realimg/debian-bookworm:pkgs");
        var byDigest = await Scan($"{registry.Authority}/realimg/debian-bookworm@{byTag.Index.Target.ManifestDigest}");

        static List<string> Packages(Vigil.Core.Model.IndexReport i) =>
            i.Packages.Select(p => $"{p.Purl} {p.LayerIndex} {p.LayerDiffId} {p.Location}").Order(StringComparer.Ordinal).ToList();
        static List<string> Findings(Vigil.Core.Model.ScanResult r) =>
            r.Findings.Select(f => $"{f.VulnerabilityId} {f.PackagePurl} {f.Status} {f.Severity} {f.FixedVersion} {f.LayerIndex}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal("registry", byTag.Index.Target.SourceKind);
        Assert.True(archive.Index.Packages.Count > 150, $"{archive.Index.Packages.Count} packages");
        Assert.NotEmpty(archive.Result.Findings);
        Assert.Equal(Packages(archive.Index), Packages(byTag.Index));
        Assert.Equal(Packages(archive.Index), Packages(byDigest.Index));
        Assert.Equal(Findings(archive.Result), Findings(byTag.Result));
        Assert.Equal(Findings(archive.Result), Findings(byDigest.Result));
        Assert.Equal(archive.Index.Os, byTag.Index.Os);
    }

    [Fact]
    public async Task A_registry_that_demands_a_login_exits_1_saying_how_to_log_in()
    {
        await using var server = await LoopbackServer.AnsweringAsync(401, Ct, ("WWW-Authenticate", "Basic realm=\"vigil-test\""));
        using var home = new TempDirectory("vigil-home");
        var run = await Vigil.TestKit.Cli.VigilProcess.RunAsync(["sbom", $"{server.Authority}/private/app:1", "--format", "json"], Env(home), cancellationToken: Ct);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(server.Authority, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("docker login", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tag_exits_1_naming_it()
    {
        Tools.Require("docker-registry", "docker-registry");
        await using var registry = await DistributionRegistry.StartAsync(new RegistryAuth.None(), Ct);
        using var home = new TempDirectory("vigil-home");
        var run = await Vigil.TestKit.Cli.VigilProcess.RunAsync(["sbom", $"{registry.Authority}/nothing/here:1", "--format", "json"], Env(home), cancellationToken: Ct);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("nothing/here", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
