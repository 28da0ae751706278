using Vigil.Core;
using Vigil.Reports.Common;
using Vigil.Reports.PackageTable;
using Vigil.Reports.Quickview;
using Vigil.Reports.Text;

namespace Vigil.Reports.Tests;

public sealed class ReportWritersTests
{
    [Fact]
    public void Every_writer_has_a_unique_lower_case_format_and_a_content_type()
    {
        Assert.NotEmpty(ReportWriters.All);
        Assert.Equal(ReportWriters.All.Count, ReportWriters.All.Select(w => w.Format).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var writer in ReportWriters.All)
        {
            Assert.Matches("^[a-z][a-z0-9-]*$", writer.Format);
            Assert.Matches(@"^[a-z]+/[a-z0-9.+-]+(;.*)?$", writer.ContentType);
            Assert.Same(writer, ReportWriters.Get(writer.Format));
            Assert.Same(writer, ReportWriters.Get(writer.Format.ToUpperInvariant()));
        }
    }

    [Fact]
    public async Task Every_writer_writes_every_fixture()
    {
        foreach (var fixture in ReportFixtures.Names)
        {
            var result = await ReportFixtures.LoadAsync(fixture);
            foreach (var writer in ReportWriters.All)
            {
                var output = await ReportOutput.WriteAsync(writer, result);
                Assert.False(string.IsNullOrWhiteSpace(output), $"{writer.Format} wrote nothing for {fixture}");
            }
        }
    }

    [Fact]
    public void Unknown_format_is_a_usage_error_listing_the_formats()
    {
        var e = Assert.Throws<VigilException>(() => ReportWriters.Get("xml"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("xml", e.Message, StringComparison.Ordinal);
        foreach (var writer in ReportWriters.All) Assert.Contains(writer.Format, e.Hint!, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_options_reach_the_human_formats_only()
    {
        var terminal = new TextReportOptions(Color: true, Width: 200);

        Assert.Same(terminal, Assert.IsType<TextReportWriter>(ReportWriters.Get("text", terminal)).Options);
        Assert.Same(terminal, Assert.IsType<QuickviewReportWriter>(ReportWriters.Get("quickview", terminal)).Options);
        Assert.Same(terminal, Assert.IsType<TableReportWriter>(ReportWriters.Get("table", terminal)).Options);
        Assert.Same(ReportWriters.Get("json"), ReportWriters.Get("json", terminal));
        Assert.Same(TextReportOptions.Plain, Assert.IsType<TextReportWriter>(ReportWriters.Get("text")).Options);
    }
}
