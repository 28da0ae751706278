using System.Text.Json.Nodes;
using Vigil.Reports.Spdx;

namespace Vigil.Reports.Tests.Spdx;

/// <summary>The SPDX 2.3 schema is not in a package this machine can reach; its required fields and types are checked here.</summary>
public sealed class SpdxStructureTests
{
    [Theory]
    [MemberData(nameof(ReportOutput.Fixtures), MemberType = typeof(ReportOutput))]
    public async Task Document_has_the_required_fields_and_consistent_relationships(string fixture)
    {
        var result = await ReportFixtures.LoadAsync(fixture);
        var doc = await ReportOutput.WriteJsonAsync(new SpdxReportWriter(), fixture);

        Assert.Equal("SPDX-2.3", (string?)doc["spdxVersion"]);
        Assert.Equal("CC0-1.0", (string?)doc["dataLicense"]);
        Assert.Equal("SPDXRef-DOCUMENT", (string?)doc["SPDXID"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)doc["name"]));
        var ns = (string)doc["documentNamespace"]!;
        Assert.True(Uri.TryCreate(ns, UriKind.Absolute, out _) && !ns.Contains('#', StringComparison.Ordinal), $"bad namespace {ns}");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", (string)doc["creationInfo"]!["created"]!);
        Assert.All(doc["creationInfo"]!["creators"]!.AsArray(), c => Assert.Matches("^(Tool|Organization|Person): .+", (string)c!));

        var packages = doc["packages"]!.AsArray().Select(p => p!).ToList();
        var ids = packages.Select(p => (string)p["SPDXID"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var p in packages)
        {
            Assert.Matches("^SPDXRef-[A-Za-z0-9.-]+$", (string)p["SPDXID"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)p["name"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)p["downloadLocation"]));
            Assert.Equal(System.Text.Json.JsonValueKind.False, p["filesAnalyzed"]!.GetValueKind());
            Assert.False(string.IsNullOrWhiteSpace((string?)p["licenseConcluded"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)p["licenseDeclared"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)p["copyrightText"]));
        }
        var withPurl = packages.Where(p => p["externalRefs"] is not null).ToList();
        Assert.Equal(result.Packages.Count, withPurl.Count);
        Assert.All(withPurl, p =>
        {
            var reference = Assert.Single(p["externalRefs"]!.AsArray())!;
            Assert.Equal("PACKAGE-MANAGER", (string?)reference["referenceCategory"]);
            Assert.Equal("purl", (string?)reference["referenceType"]);
            Assert.StartsWith("pkg:", (string?)reference["referenceLocator"], StringComparison.Ordinal);
        });

        var relationships = doc["relationships"]!.AsArray().Select(r => r!).ToList();
        var describes = Assert.Single(relationships, r => (string?)r["relationshipType"] == "DESCRIBES");
        Assert.Equal("SPDXRef-DOCUMENT", (string?)describes["spdxElementId"]);
        var root = (string)describes["relatedSpdxElement"]!;
        Assert.Equal("CONTAINER", (string?)packages.Single(p => (string?)p["SPDXID"] == root)["primaryPackagePurpose"]);
        foreach (var r in relationships)
        {
            Assert.Contains((string)r["relatedSpdxElement"]!, ids);
            Assert.True((string?)r["spdxElementId"] == "SPDXRef-DOCUMENT" || ids.Contains((string)r["spdxElementId"]!));
        }
        var contained = relationships.Where(r => (string?)r["relationshipType"] == "CONTAINS" && (string?)r["spdxElementId"] == root)
            .Select(r => (string)r["relatedSpdxElement"]!).ToHashSet(StringComparer.Ordinal);
        Assert.All(ids.Where(id => id != root), id => Assert.Contains(id, contained));
    }

    [Fact]
    public async Task Namespace_is_derived_from_the_manifest_digest()
    {
        var result = await ReportFixtures.LoadAsync("debian12");
        var first = await ReportOutput.WriteJsonAsync(new SpdxReportWriter(), "debian12");
        var later = JsonNode.Parse(await ReportOutput.WriteAsync(new SpdxReportWriter(), result with { ScannedAt = result.ScannedAt.AddDays(1) }))!;
        var other = await ReportOutput.WriteJsonAsync(new SpdxReportWriter(), "alpine318");

        Assert.Equal((string?)first["documentNamespace"], (string?)later["documentNamespace"]);
        Assert.Contains(result.Target.ManifestDigest!.Value.Hex, (string)first["documentNamespace"]!, StringComparison.Ordinal);
        Assert.NotEqual((string?)first["documentNamespace"], (string?)other["documentNamespace"]);
    }

    [Fact]
    public async Task Declared_licenses_become_an_expression_or_noassertion()
    {
        var doc = await ReportOutput.WriteJsonAsync(new SpdxReportWriter(), "debian12");
        string Declared(string name) => (string)doc["packages"]!.AsArray().Single(p => (string?)p!["name"] == name)!["licenseDeclared"]!;

        Assert.Equal("GPL-2.0-or-later AND MPL-2.0", Declared("ca-certificates"));
        Assert.Equal("NOASSERTION", Declared("login"));
    }
}
