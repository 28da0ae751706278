using Vigil.Reports.Common;
using Vigil.Reports.Text;

namespace Vigil.Reports.Tests.Text;

public sealed class TextReportWriterTests
{
    [Fact]
    public async Task Plain_output_has_no_escape_codes_and_keeps_the_width()
    {
        var text = await ReportOutput.WriteAsync(new TextReportWriter(), await ReportFixtures.LoadAsync("debian12"));

        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 120, $"longer than 120: {line}"));
    }

    [Fact]
    public async Task Colour_is_emitted_only_when_asked_for()
    {
        var text = await ReportOutput.WriteAsync(new TextReportWriter(new TextReportOptions(Color: true)), await ReportFixtures.LoadAsync("debian12"));

        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ascii_mode_writes_only_ascii()
    {
        var options = new TextReportOptions(Unicode: false, Width: 100);
        var text = await ReportOutput.WriteAsync(new TextReportWriter(options), await ReportFixtures.LoadAsync("incomplete"));

        Assert.All(text, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4}"));
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 100, $"longer than 100: {line}"));
    }

    [Fact]
    public async Task Overview_shows_scout_style_counts_with_unknown()
    {
        var text = await ReportOutput.WriteAsync(new TextReportWriter(), await ReportFixtures.LoadAsync("debian12"));

        Assert.Contains("1C 3H 1M 4L 1U", text, StringComparison.Ordinal);
        Assert.Contains("indeterminate: installed version", text, StringComparison.Ordinal);
        Assert.Contains("POLICY FAILED (exit code 2)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incomplete_scan_without_findings_says_it_is_incomplete()
    {
        var text = await ReportOutput.WriteAsync(new TextReportWriter(), await ReportFixtures.LoadAsync("incomplete"));

        Assert.Contains("but the scan is incomplete", text, StringComparison.Ordinal);
    }
}
