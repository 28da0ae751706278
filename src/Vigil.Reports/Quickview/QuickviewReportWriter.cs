using System.Globalization;
using Spectre.Console;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.Quickview;

/// <summary>The one-screen summary, laid out like <c>docker scout quickview</c>.</summary>
public sealed class QuickviewReportWriter(TextReportOptions? options = null) : ConsoleReportWriter(options)
{
    public override string Format => "quickview";

    protected override void Render(IAnsiConsole console, ScanResult result)
    {
        var counts = SeverityCounts.Of(result.Findings.ToList());
        var bar = Options.Unicode ? "│" : "|";
        var grid = new Grid()
            .AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(1))
            .AddColumn(new GridColumn().NoWrap().PadRight(1))
            .AddColumn(new GridColumn().PadRight(1))
            .AddColumn(new GridColumn().NoWrap().PadRight(1))
            .AddColumn(new GridColumn().NoWrap());
        grid.AddRow("[bold]Target[/]", bar, $"[bold]{Markup.Escape(result.Target.Name)}[/]", bar, SeverityStyle.Shorthand(counts));
        // Short, as Scout shows it: the full digest is in every other format.
        Row(grid, bar, "digest", result.Target.ManifestDigest is { } d ? $"{d.Algorithm}:{d.Short()}" : ReportFacts.Digest(result.Target));
        Row(grid, bar, "platform", ReportFacts.Platform(result.Target));
        Row(grid, bar, "OS", ReportFacts.Os(result));
        Row(grid, bar, "packages", result.Packages.Count.ToString(CultureInfo.InvariantCulture));
        Row(grid, bar, "fixable", $"{counts.Fixable.ToString(CultureInfo.InvariantCulture)} of {ReportFacts.Count(counts.Total, "vulnerability", "vulnerabilities")}");
        Row(grid, bar, "database", ReportFacts.DatabaseAge(result));
        console.Write(grid);
        console.WriteLine();

        var incomplete = result.Warnings.Count(w => w.Incomplete);
        if (incomplete > 0)
        {
            console.MarkupLine($"  [bold darkorange]Scan incomplete[/]: {Markup.Escape(ReportFacts.Plural(incomplete, "warning"))}; run with --format text for details.");
        }
        console.MarkupLine(
            $"  Verdict: [{ReportFacts.VerdictColor(result.Verdict.Outcome)}]{ReportFacts.Verdict(result.Verdict.Outcome)}[/] " +
            $"(exit code {result.Verdict.ExitCode.ToString(CultureInfo.InvariantCulture)})");
    }

    private static void Row(Grid grid, string bar, string label, string value) =>
        grid.AddRow($"  {label}", bar, Markup.Escape(value), "", "");
}
