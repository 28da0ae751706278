using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Reports.Sarif;

namespace Vigil.Reports.Tests.Sarif;

/// <summary>
/// No SARIF schema is published in a package this machine can reach, so the parts of SARIF 2.1.0 that GitHub
/// code scanning reads are checked here field by field.
/// </summary>
public sealed class SarifStructureTests
{
    // A contract with GitHub: changing it reopens every alert, so the test spells it out.
    private const string FingerprintKey = "vigilFinding/v1";

    [Theory]
    [MemberData(nameof(ReportOutput.Fixtures), MemberType = typeof(ReportOutput))]
    public async Task Log_has_the_fields_github_code_scanning_reads(string fixture)
    {
        var result = await ReportFixtures.LoadAsync(fixture);
        var log = await ReportOutput.WriteJsonAsync(new SarifReportWriter(), fixture);

        Assert.Equal("2.1.0", (string?)log["version"]);
        Assert.StartsWith("https://", (string?)log["$schema"], StringComparison.Ordinal);
        var run = Assert.Single(log["runs"]!.AsArray())!;
        var driver = run["tool"]!["driver"]!;
        Assert.Equal("vigil", (string?)driver["name"]);
        Assert.Equal(result.ScannerVersion, (string?)driver["version"]);

        var rules = driver["rules"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(rules.Count, rules.Select(r => (string)r["id"]!).Distinct().Count());
        Assert.Equal(result.Findings.Select(f => f.VulnerabilityId).Distinct().Count(), rules.Count);
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["shortDescription"]!["text"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["fullDescription"]!["text"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["help"]!["text"]));
            Assert.True(Uri.TryCreate((string?)rule["helpUri"], UriKind.Absolute, out _));
            var score = double.Parse((string)rule["properties"]!["security-severity"]!, CultureInfo.InvariantCulture);
            Assert.InRange(score, 0.0, 10.0);
            Assert.Contains("security", rule["properties"]!["tags"]!.AsArray().Select(t => (string)t!));
        }

        var results = run["results"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(result.Findings.Count, results.Count);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            var ruleIndex = (int)r["ruleIndex"]!;
            Assert.Equal((string?)r["ruleId"], (string?)rules[ruleIndex]["id"]);
            Assert.Contains((string)r["level"]!, new[] { "error", "warning", "note" });
            Assert.False(string.IsNullOrWhiteSpace((string?)r["message"]!["text"]));
            var location = Assert.Single(r["locations"]!.AsArray())!;
            var uri = (string)location["physicalLocation"]!["artifactLocation"]!["uri"]!;
            Assert.False(uri.StartsWith('/'), $"artifact uri '{uri}' must be relative");
            Assert.True((int)location["physicalLocation"]!["region"]!["startLine"]! >= 1);
            Assert.Equal(result.Target.Name, (string?)location["logicalLocations"]![0]!["name"]);
            var fingerprint = (string)r["partialFingerprints"]![FingerprintKey]!;
            Assert.True(fingerprints.Add(fingerprint), $"fingerprint {fingerprint} is not unique");
        }
    }

    [Fact]
    public async Task Category_is_the_image_repository_without_tag()
    {
        var log = await ReportOutput.WriteJsonAsync(new SarifReportWriter(), "debian12");

        Assert.Equal("vigil/registry.example.com/shop/web/", (string?)log["runs"]![0]!["automationDetails"]!["id"]);
    }

    [Fact]
    public async Task Results_are_located_at_the_package_database()
    {
        var log = await ReportOutput.WriteJsonAsync(new SarifReportWriter(), "alpine318");

        var uris = log["runs"]![0]!["results"]!.AsArray().Select(r => (string)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!).Distinct();
        Assert.Equal(["lib/apk/db/installed"], uris);
    }

    [Fact]
    public async Task Security_severity_follows_vigils_severity_not_a_disagreeing_cvss()
    {
        var rules = (await ReportOutput.WriteJsonAsync(new SarifReportWriter(), "debian12"))["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();

        string Score(string id) => (string)rules.Single(r => (string?)r!["id"] == id)!["properties"]!["security-severity"]!;
        Assert.Equal("9.8", Score("CVE-2023-45853")); // critical, CVSS 9.8 agrees
        Assert.Equal("2.0", Score("CVE-2024-5535"));  // Debian rates it low; NVD's 9.1 would show as critical
        Assert.Equal("0.1", Score("CVE-2024-56433")); // unknown: lowest bucket, not "none"
    }

    [Fact]
    public async Task Fingerprints_survive_an_upgrade_that_does_not_fix()
    {
        var before = await ReportFixtures.LoadAsync("alpine318");
        static string Bump(string purl, string version) => purl.Replace("@" + version, "@" + version + ".1", StringComparison.Ordinal);
        var after = before with
        {
            Packages = before.Packages.Select(p => p with { Version = p.Version + ".1", Purl = Bump(p.Purl, p.Version) }).ToList(),
            Findings = before.Findings.Select(f => f with { InstalledVersion = f.InstalledVersion + ".1", PackagePurl = Bump(f.PackagePurl, f.InstalledVersion) }).ToList(),
        };

        Assert.Equal(Fingerprints(JsonNode.Parse(await ReportOutput.WriteAsync(new SarifReportWriter(), before))!),
            Fingerprints(JsonNode.Parse(await ReportOutput.WriteAsync(new SarifReportWriter(), after))!));
    }

    private static List<string> Fingerprints(JsonNode log) =>
        log["runs"]![0]!["results"]!.AsArray().Select(r => (string)r!["partialFingerprints"]![FingerprintKey]!).ToList();
}
