using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Database;
using Vigil.Scanning;
using Vigil.TestKit;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>
/// Acceptance: with the real Debian tracker excerpts imported, a scan of a real bookworm image reports exactly
/// what those files imply for the installed source versions. Expectations are derived here from the files with
/// the tracker's own rules, and versions are compared by dpkg itself, not by Vigil.
/// </summary>
public sealed class DebianFindingsTests
{
    [Fact]
    public async Task Bookworm_image_gets_the_findings_the_tracker_files_imply()
    {
        var ct = TestContext.Current.CancellationToken;
        var tracker = SharedData.Require("testdata/advisories/debian-vuln-list-sample/tracker");
        var root = RealImages.Require();
        ExternalTool.Require("dpkg", "dpkg");
        using var temp = new TempDirectory();
        var dbPath = temp.Combine("vigil.db");
        await DatabaseImporter.ImportAsync(dbPath, [tracker], Ecosystems.Ecosystems.FeedParsers, null, ct);

        var reference = RealDebianPackageTests.Reference(root, "oci-dir", "pkgs");
        var scanner = new Scanner();
        var index = await ImageScan.IndexReferenceAsync(reference, new ImageOpenOptions(), scanner, null, ct);
        await using var db = await AdvisoryDatabase.OpenAsync(dbPath, ct);
        var result = await scanner.MatchAsync(index, db, Policy.Default, ct);

        var expected = await ExpectedAsync(tracker, index.Packages.Where(p => p.Type == "deb").ToList(), ct);
        var actual = result.Findings.Select(f => (f.VulnerabilityId, f.PackageName, Status: f.Status.ToText())).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order().ToList(), actual);
    }

    /// <summary>The tracker's rules for one release: a [bookworm] line wins; else a DSA for bookworm; else the unstable line.</summary>
    private static async Task<List<(string Id, string Package, string Status)>> ExpectedAsync(string tracker, List<Package> packages, CancellationToken ct)
    {
        var dsaFixes = new Dictionary<(string Cve, string Source), string>();
        foreach (var file in Directory.GetFiles(Path.Combine(tracker, "DSA"), "*.json"))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file, ct));
            var annotations = doc.RootElement.GetProperty("Annotations").EnumerateArray().ToList();
            var cves = annotations.Where(a => a.GetProperty("Type").GetString() == "xref")
                .SelectMany(a => a.GetProperty("Bugs").EnumerateArray().Select(b => b.GetString()!)).ToList();
            foreach (var a in annotations.Where(a => Str(a, "Type") == "package" && Str(a, "Release") == "bookworm" && Str(a, "Kind") == "fixed"))
            {
                foreach (var cve in cves) dsaFixes[(cve, Str(a, "Package")!)] = Str(a, "Version")!;
            }
        }

        var expected = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(tracker, "CVE"), "*.json"))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file, ct));
            var id = doc.RootElement.GetProperty("Header").GetProperty("ID").GetString()!;
            var lines = doc.RootElement.GetProperty("Annotations").EnumerateArray().Where(a => Str(a, "Type") == "package").ToList();
            foreach (var source in lines.Select(a => Str(a, "Package")!).Distinct())
            {
                var installed = packages.Where(p => p.SourceName == source).ToList();
                if (installed.Count == 0) continue;
                var specific = lines.FirstOrDefault(a => Str(a, "Package") == source && Str(a, "Release") == "bookworm");
                var general = lines.FirstOrDefault(a => Str(a, "Package") == source && Str(a, "Release") is null);
                string kind;
                string? version = null;
                if (specific.ValueKind != JsonValueKind.Undefined) { kind = Str(specific, "Kind")!; version = Str(specific, "Version"); }
                else if (dsaFixes.TryGetValue((id, source), out var dsaVersion)) { kind = "fixed"; version = dsaVersion; }
                else if (general.ValueKind != JsonValueKind.Undefined)
                {
                    // Fixed only in unstable: bookworm is vulnerable below that version, with no bookworm fix to install.
                    kind = Str(general, "Kind") == "fixed" ? "fixed-in-unstable" : Str(general, "Kind")!;
                    version = Str(general, "Version");
                }
                else continue;

                foreach (var p in installed)
                {
                    string? status = kind switch
                    {
                        "fixed" when version == "0" => null,
                        "fixed" => await DpkgLessThanAsync(p.SourceVersion, version!, ct) ? "fixed" : null,
                        "fixed-in-unstable" => await DpkgLessThanAsync(p.SourceVersion, version!, ct) ? "not-fixed" : null,
                        "unfixed" or "no-dsa" or "postponed" => "not-fixed",
                        "ignored" or "end-of-life" => "wont-fix",
                        _ => null, // not-affected, removed
                    };
                    if (status is not null) expected.Add((id, p.Name, status));
                }
            }
        }
        return expected;
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static async Task<bool> DpkgLessThanAsync(string a, string b, CancellationToken ct)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dpkg", ["--compare-versions", a, "lt", b])
            { UseShellExecute = false })!;
        await p.WaitForExitAsync(ct);
        return p.ExitCode == 0;
    }
}
