using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Database;
using Vigil.Scanning;
using Vigil.TestKit;
using Vigil.Versioning;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>
/// Acceptance: real apk installed databases (from other scanners' suites) in an Alpine root filesystem, with the
/// real secdb files of a branch imported, give the findings those files imply: a package is hit by every secfix
/// whose fixed version is above the installed one, looked up by origin.
/// </summary>
public sealed class AlpineFindingsTests
{
    [Theory]
    [InlineData("osv-scalibr/installed", "3.18")]
    [InlineData("osv-scalibr/installed", "3.20")]
    [InlineData("syft/multiple-2.installed", "3.16")]
    public async Task Installed_fixture_gets_the_findings_the_secdb_implies(string fixture, string branch)
    {
        var ct = TestContext.Current.CancellationToken;
        var installed = SharedData.Require($"testdata/fixtures/apk/{fixture}");
        var secdb = SharedData.Require($"testdata/advisories/alpine-secdb-vuln-list/{branch}");
        using var temp = new TempDirectory();
        var rootfs = temp.Combine("rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        Directory.CreateDirectory(Path.Combine(rootfs, "lib", "apk", "db"));
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "os-release"), $"ID=alpine\nVERSION_ID={branch}.0\nPRETTY_NAME=\"Alpine Linux v{branch}\"\n", ct);
        File.Copy(installed, Path.Combine(rootfs, "lib", "apk", "db", "installed"));

        var dbPath = temp.Combine("vigil.db");
        await DatabaseImporter.ImportAsync(dbPath, Directory.GetFiles(secdb, "*.json", SearchOption.AllDirectories), Ecosystems.Ecosystems.FeedParsers, null, ct);

        var scanner = new Scanner();
        var index = await ImageScan.IndexReferenceAsync("fs://" + rootfs, new ImageOpenOptions(), scanner, null, ct);
        await using var db = await AdvisoryDatabase.OpenAsync(dbPath, ct);
        var result = await scanner.MatchAsync(index, db, Policy.Default, ct);

        var expected = Expected(secdb, index.Packages);
        Assert.NotEmpty(index.Packages);
        Assert.Equal(expected.Order().ToList(),
            result.Findings.Select(f => (f.VulnerabilityId, f.PackageName, f.FixedVersion ?? "")).Order().ToList());
    }

    private static List<(string Id, string Package, string Fixed)> Expected(string secdb, IReadOnlyList<Package> packages)
    {
        var apk = VersionSchemes.Get("apk");
        var expected = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(secdb, "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var origin = doc.RootElement.GetProperty("name").GetString()!;
            foreach (var p in packages.Where(p => p.SourceName == origin))
            {
                Assert.True(apk.TryParse(p.Version, out var installed, out _));
                // One finding per id: the first (lowest) fixed version that is above the installed one.
                var hits = new Dictionary<string, string>();
                foreach (var fix in doc.RootElement.GetProperty("secfixes").EnumerateObject())
                {
                    if (fix.Name == "0" || !apk.TryParse(fix.Name, out var fixedIn, out _)) continue;
                    if (installed.CompareTo(fixedIn) >= 0) continue;
                    foreach (var id in fix.Value.EnumerateArray().Select(x => x.GetString()!.Split(' ')[0]))
                        hits.TryAdd(id, fix.Name);
                }
                expected.AddRange(hits.Select(h => (h.Key, p.Name, h.Value)));
            }
        }
        return expected;
    }
}
