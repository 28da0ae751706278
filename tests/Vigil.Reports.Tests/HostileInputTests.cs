using Vigil.Reports.Json;

namespace Vigil.Reports.Tests;

/// <summary>Names and texts come from images and feeds: markup, control-like characters and odd Unicode must pass through every writer.</summary>
public sealed class HostileInputTests
{
    private const string Hostile = "[bold red]x[/] [/] <script>&\"\\ \u00e9\u4e2d";

    [Fact]
    public async Task Every_writer_writes_hostile_strings_literally()
    {
        var result = await ReportFixtures.LoadAsync("debian12");
        var hostile = result with
        {
            Target = result.Target with { Name = Hostile },
            Packages = result.Packages.Select(p => p with { Name = Hostile + p.Name, Licenses = [Hostile] }).ToList(),
            Findings = result.Findings.Select(f => f with { PackageName = Hostile + f.PackageName, Description = Hostile, Reason = Hostile }).ToList(),
            Warnings = [new Core.Model.ScanWarning("code[x]", Hostile, true)],
        };

        foreach (var writer in ReportWriters.All)
        {
            var output = await ReportOutput.WriteAsync(writer, hostile);
            Assert.False(string.IsNullOrWhiteSpace(output));
            if (writer is not JsonReportWriter && !writer.ContentType.Contains("json", StringComparison.Ordinal))
            {
                Assert.Contains("[bold red]x[/]", output, StringComparison.Ordinal);
            }
        }
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await ReportOutput.WriteAsync(new JsonReportWriter(), hostile)));
        Assert.Equal(Hostile, (await VigilJson.ReadScanResultAsync(json, TestContext.Current.CancellationToken)).Target.Name);
    }
}
