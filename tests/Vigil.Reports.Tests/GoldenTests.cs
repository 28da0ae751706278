namespace Vigil.Reports.Tests;

public sealed class GoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var writer in ReportWriters.All)
        {
            foreach (var fixture in ReportFixtures.Names) data.Add(writer.Format, fixture);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Output_matches_golden_file(string format, string fixture)
    {
        var writer = ReportWriters.Get(format);
        var result = await ReportFixtures.LoadAsync(fixture);

        var output = await ReportOutput.WriteAsync(writer, result);

        Assert.DoesNotContain("\r", output, StringComparison.Ordinal);
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        Golden.Verify(ReportOutput.GoldenName(writer, fixture), Golden.Scrub(output, result));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Output_is_deterministic_and_independent_of_input_order(string format, string fixture)
    {
        var writer = ReportWriters.Get(format);
        var result = await ReportFixtures.LoadAsync(fixture);
        var shuffled = result with
        {
            Packages = result.Packages.Reverse().ToList(),
            Findings = result.Findings.Reverse().ToList(),
        };

        Assert.Equal(await ReportOutput.WriteAsync(writer, result), await ReportOutput.WriteAsync(writer, shuffled));
    }
}
