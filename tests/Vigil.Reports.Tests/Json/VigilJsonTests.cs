using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Reports.Common;
using Vigil.Reports.Json;

namespace Vigil.Reports.Tests.Json;

public sealed class VigilJsonTests
{
    public static TheoryData<string> Fixtures() => new(ReportFixtures.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Written_report_reads_back_to_an_equal_result(string fixture)
    {
        var original = await ReportFixtures.LoadAsync(fixture);
        var canonical = original with
        {
            Packages = ReportOrder.Packages(original.Packages),
            Findings = ReportOrder.Findings(original.Findings),
        };

        var json = await ReportOutput.WriteAsync(new JsonReportWriter(), original);
        var read = await ReadAsync(json);

        ScanResultAssert.Equal(canonical, read);
        Assert.Equal(json, await ReportOutput.WriteAsync(new JsonReportWriter(), read));
    }

    [Fact]
    public async Task Summary_counts_severities_fixable_and_packages()
    {
        var json = await WriteFixtureAsync("debian12");

        var summary = json["summary"]!;
        Assert.Equal(10, (int)summary["packages"]!);
        Assert.Equal(10, (int)summary["findings"]!);
        Assert.Equal(3, (int)summary["fixable"]!);
        var severities = summary["severities"]!;
        Assert.Equal(1, (int)severities["critical"]!);
        Assert.Equal(3, (int)severities["high"]!);
        Assert.Equal(1, (int)severities["medium"]!);
        Assert.Equal(1, (int)severities["low"]!);
        Assert.Equal(3, (int)severities["negligible"]!);
        Assert.Equal(1, (int)severities["unknown"]!);
    }

    [Fact]
    public async Task Enums_are_lower_case_words_and_findings_are_worst_first()
    {
        var json = await WriteFixtureAsync("debian12");

        Assert.Equal("policy-failed", (string?)json["verdict"]!["outcome"]);
        Assert.Equal(2, (int)json["verdict"]!["exitCode"]!);
        var findings = json["findings"]!.AsArray();
        Assert.Equal(["fixed", "indeterminate", "not-fixed", "wont-fix"],
            findings.Select(f => (string)f!["status"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["critical", "high", "medium", "low", "negligible", "unknown"],
            findings.Select(f => (string)f!["severity"]!).Distinct());
    }

    [Fact]
    public async Task Unknown_layer_is_null_not_minus_one()
    {
        var result = await ReportFixtures.LoadAsync("clean");
        var unattributed = result with { Packages = [result.Packages[0] with { LayerIndex = -1, LayerDiffId = null }] };

        var json = JsonNode.Parse(await ReportOutput.WriteAsync(new JsonReportWriter(), unattributed))!;

        Assert.Null(json["packages"]![0]!["layerIndex"]);
        Assert.Equal(-1, (await ReadAsync(json.ToJsonString())).Packages[0].LayerIndex);
    }

    [Fact]
    public async Task Malformed_json_is_invalid_input()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadAsync("{\"schemaVersion\": 1,"));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
    }

    [Fact]
    public async Task Missing_required_field_is_invalid_input()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadMutatedAsync(n => n.AsObject().Remove("target")));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("target", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_severity_word_is_invalid_input_naming_the_field()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadMutatedAsync(n => n["findings"]![0]!["severity"] = "severe"));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("findings[0].severity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_digest_is_invalid_input()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadMutatedAsync(n => n["target"]!["digest"] = "sha256:XYZ"));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("target.digest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_array_entry_is_invalid_input_naming_the_entry()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadMutatedAsync(n => n["packages"]![1] = null));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("packages[1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_schema_version_is_unsupported()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => ReadMutatedAsync(n => n["schemaVersion"] = 2));
        Assert.Equal(ErrorKind.Unsupported, e.Kind);
    }

    private static async Task<JsonNode> WriteFixtureAsync(string fixture) =>
        JsonNode.Parse(await ReportOutput.WriteAsync(new JsonReportWriter(), await ReportFixtures.LoadAsync(fixture)))!;

    private static async Task<ScanResult> ReadMutatedAsync(Action<JsonNode> mutate)
    {
        var node = JsonNode.Parse(await File.ReadAllTextAsync(ReportFixtures.PathOf("debian12"), TestContext.Current.CancellationToken))!;
        mutate(node);
        return await ReadAsync(node.ToJsonString());
    }

    private static async Task<ScanResult> ReadAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await VigilJson.ReadScanResultAsync(stream, TestContext.Current.CancellationToken);
    }
}
