using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Reports.Tests;

public static class ReportOutput
{
    public static async Task<string> WriteAsync(IReportWriter writer, ScanResult result)
    {
        using var stream = new MemoryStream();
        await writer.WriteAsync(result, stream, TestContext.Current.CancellationToken);
        var bytes = stream.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{writer.Format} wrote a byte-order mark");
        return new UTF8Encoding(false, true).GetString(bytes);
    }

    /// <summary>The golden file name: fixture.format.json for JSON formats, fixture.format.txt for text.</summary>
    public static string GoldenName(IReportWriter writer, string fixture) =>
        $"{fixture}.{writer.Format}.{(writer.ContentType.Contains("json", StringComparison.Ordinal) ? "json" : "txt")}";

    public static async Task<JsonNode> WriteJsonAsync(IReportWriter writer, string fixture) =>
        JsonNode.Parse(await WriteAsync(writer, await ReportFixtures.LoadAsync(fixture)))!;

    public static TheoryData<string> Fixtures() => new(ReportFixtures.Names);
}
