using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Ecosystems.Debian.Feed;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Feeds;

public sealed class DebianVulnListParserTests
{
    private const string Sample = "testdata/advisories/debian-vuln-list-sample";

    [Fact]
    public async Task Every_release_annotation_becomes_a_statement_of_its_kind()
    {
        var root = SharedData.Require(Sample);
        var parser = new DebianVulnListParser();
        Assert.True(parser.Recognizes(FeedInputs.For(root)));
        var all = (await FeedInputs.ParseAllAsync(parser, root)).ToDictionary(a => a.Id);

        var checkedLines = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "tracker", "CVE"), "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var id = doc.RootElement.GetProperty("Header").GetProperty("ID").GetString()!;
            foreach (var a in doc.RootElement.GetProperty("Annotations").EnumerateArray())
            {
                if (a.GetProperty("Type").GetString() != "package") continue;
                var kind = a.GetProperty("Kind").GetString();
                var release = a.TryGetProperty("Release", out var r) ? r.GetString() : null;
                if (kind == "itp") continue;
                var ns = DebianReleases.Namespace(release);
                var p = all[id].Affected.Single(x => x.Namespace == ns && x.Package == a.GetProperty("Package").GetString());
                var expectedState = kind switch
                {
                    "fixed" when a.GetProperty("Version").GetString() == "0" => AffectedState.NotAffected,
                    "not-affected" => AffectedState.NotAffected,
                    "ignored" or "end-of-life" => AffectedState.WontFix,
                    _ => AffectedState.Affected,
                };
                Assert.Equal(expectedState, p.State);
                if (kind == "fixed" && expectedState == AffectedState.Affected) Assert.Equal(a.GetProperty("Version").GetString(), p.FixedVersion);
                if (release is null && a.TryGetProperty("Severity", out var sev)) Assert.Equal(sev.GetString(), p.Urgency);
                checkedLines++;
            }
        }
        Assert.True(checkedLines > 30);
    }

    [Fact]
    public async Task A_bookworm_fix_shipped_by_a_dsa_comes_from_the_dsa_file()
    {
        var root = SharedData.Require(Sample);
        var all = (await FeedInputs.ParseAllAsync(new DebianVulnListParser(), root)).ToDictionary(a => a.Id);
        foreach (var dsaFile in Directory.GetFiles(Path.Combine(root, "tracker", "DSA"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(dsaFile));
            var dsa = doc.RootElement.GetProperty("Header").GetProperty("ID").GetString()!;
            var cves = doc.RootElement.GetProperty("Annotations").EnumerateArray().Where(a => a.GetProperty("Type").GetString() == "xref")
                .SelectMany(a => a.GetProperty("Bugs").EnumerateArray().Select(b => b.GetString()!)).ToList();
            foreach (var fix in doc.RootElement.GetProperty("Annotations").EnumerateArray().Where(a => a.GetProperty("Type").GetString() == "package"))
            {
                foreach (var cve in cves.Where(all.ContainsKey))
                {
                    var ns = DebianReleases.Namespace(fix.GetProperty("Release").GetString());
                    var p = all[cve].Affected.Single(x => x.Namespace == ns && x.Package == fix.GetProperty("Package").GetString());
                    Assert.Equal(fix.GetProperty("Version").GetString(), p.FixedVersion);
                    Assert.Contains(dsa, all[cve].Aliases);
                }
            }
        }
        // The sample's headline case (SOURCES.md): glibc in bookworm, fixed by DSA-5514-1.
        Assert.Equal("2.36-9+deb12u3", all["CVE-2023-4911"].Affected.Single(p => p.Namespace == "debian:12" && p.Package == "glibc").FixedVersion);
    }
}
