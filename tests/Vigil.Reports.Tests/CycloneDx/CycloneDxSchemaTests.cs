using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Vigil.Reports.CycloneDx;
using Vigil.TestKit;

namespace Vigil.Reports.Tests.CycloneDx;

/// <summary>Validates against the official CycloneDX 1.6 JSON schema (from the @cyclonedx/cyclonedx-library npm package), then checks what the schema cannot.</summary>
public sealed class CycloneDxSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    [Theory]
    [MemberData(nameof(ReportOutput.Fixtures), MemberType = typeof(ReportOutput))]
    public async Task Bom_is_valid_against_the_cyclonedx_1_6_schema(string fixture)
    {
        var bom = await ReportOutput.WriteAsync(new CycloneDxReportWriter(), await ReportFixtures.LoadAsync(fixture));
        using var document = JsonDocument.Parse(bom);

        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, "schema errors:\n" + string.Join('\n', Errors(results)));
    }

    [Fact]
    public async Task Schema_check_is_not_vacuous()
    {
        var bom = await ReportOutput.WriteJsonAsync(new CycloneDxReportWriter(), "debian12");
        bom["vulnerabilities"]![0]!["ratings"]![0]!["severity"] = "negligible";
        bom["components"]![1]!.AsObject().Remove("name");
        using var document = JsonDocument.Parse(bom.ToJsonString());

        Assert.False(Schema.Value.Evaluate(document.RootElement).IsValid);
    }

    [Theory]
    [MemberData(nameof(ReportOutput.Fixtures), MemberType = typeof(ReportOutput))]
    public async Task References_resolve_and_bom_refs_are_unique(string fixture)
    {
        var result = await ReportFixtures.LoadAsync(fixture);
        var bom = await ReportOutput.WriteJsonAsync(new CycloneDxReportWriter(), fixture);

        Assert.Equal("container", (string?)bom["metadata"]!["component"]!["type"]);
        var refs = bom["components"]!.AsArray().Select(c => (string)c!["bom-ref"]!).Append((string)bom["metadata"]!["component"]!["bom-ref"]!).ToList();
        Assert.Equal(refs.Count, refs.Distinct(StringComparer.Ordinal).Count());
        var vulnerabilities = bom["vulnerabilities"]!.AsArray().Select(v => v!).ToList();
        Assert.Equal(result.Findings.Count, vulnerabilities.Count);
        foreach (var v in vulnerabilities)
        {
            Assert.Contains((string)v["affects"]![0]!["ref"]!, refs);
        }
        foreach (var d in bom["dependencies"]!.AsArray())
        {
            Assert.Contains((string)d!["ref"]!, refs);
            Assert.All(d["dependsOn"]!.AsArray(), r => Assert.Contains((string)r!, refs));
        }
    }

    [Fact]
    public async Task Wont_fix_has_an_analysis_and_fixed_has_a_recommendation()
    {
        var bom = await ReportOutput.WriteJsonAsync(new CycloneDxReportWriter(), "debian12");
        var vulnerabilities = bom["vulnerabilities"]!.AsArray().Select(v => v!).ToList();

        var zlib = vulnerabilities.Single(v => (string?)v["id"] == "CVE-2023-45853");
        Assert.Equal("will_not_fix", (string?)zlib["analysis"]!["response"]![0]);
        var curl = vulnerabilities.First(v => (string?)v["id"] == "CVE-2024-2398");
        Assert.Contains("7.88.1-10+deb12u6", (string?)curl["recommendation"], StringComparison.Ordinal);
        Assert.Contains(curl["affects"]![0]!["versions"]!.AsArray(), x => (string?)x!["range"] == "vers:deb/<7.88.1-10+deb12u6");
        var expat = vulnerabilities.Single(v => (string?)v["id"] == "CVE-2024-45490");
        Assert.Equal("in_triage", (string?)expat["analysis"]!["state"]);
    }

    [Fact]
    public async Task Serial_number_is_stable_for_the_same_result()
    {
        var a = await ReportOutput.WriteJsonAsync(new CycloneDxReportWriter(), "alpine318");
        var b = await ReportOutput.WriteJsonAsync(new CycloneDxReportWriter(), "alpine318");
        var other = await ReportOutput.WriteJsonAsync(new CycloneDxReportWriter(), "debian12");

        Assert.Equal((string?)a["serialNumber"], (string?)b["serialNumber"]);
        Assert.NotEqual((string?)a["serialNumber"], (string?)other["serialNumber"]);
    }

    private static IEnumerable<string> Errors(EvaluationResults results) =>
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Take(30);

    private static JsonSchema LoadSchema()
    {
        var dir = RepoPaths.Fixture("reports", "schemas", "cyclonedx");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // The BOM schema refers to its companions by file name, relative to its own $id.
        foreach (var name in new[] { "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json" })
        {
            var companion = JsonSchema.FromFile(Path.Combine(dir, name), options);
            options.SchemaRegistry.Register(new Uri("http://cyclonedx.org/schema/" + name), companion);
        }
        return JsonSchema.FromFile(Path.Combine(dir, "bom-1.6.SNAPSHOT.schema.json"), options);
    }
}
