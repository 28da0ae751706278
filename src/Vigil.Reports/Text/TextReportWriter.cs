using System.Globalization;
using Spectre.Console;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.Text;

/// <summary>
/// The human report, laid out like <c>docker scout cves</c>: an overview box, each vulnerable package with a row
/// per vulnerability, then totals, warnings and the verdict.
/// </summary>
public sealed class TextReportWriter(TextReportOptions? options = null) : ConsoleReportWriter(options)
{
    public override string Format => "text";

    protected override void Render(IAnsiConsole console, ScanResult result)
    {
        var findings = ReportOrder.Findings(result.Findings);
        var counts = SeverityCounts.Of(findings);

        console.Write(TextOverview.Build(result, counts, Options));
        console.WriteLine();

        var groups = VulnerablePackage.Group(findings);
        if (groups.Count > 0)
        {
            console.Write(Heading("Packages and vulnerabilities"));
            console.WriteLine();
            foreach (var group in groups) RenderPackage(console, group, showLayer: result.Target.Layers.Count > 0);
        }

        RenderWarnings(console, result.Warnings);
        RenderTotals(console, result, counts, groups.Count);
        RenderVerdict(console, result.Verdict);
    }

    private void RenderPackage(IAnsiConsole console, VulnerablePackage group, bool showLayer)
    {
        var first = group.Findings[0];
        console.MarkupLine($"{SeverityStyle.Shorthand(SeverityCounts.Of(group.Findings))}  [bold]{Markup.Escape(first.PackageName)}[/] {Markup.Escape(first.InstalledVersion)}");
        console.MarkupLine($"  {Markup.Escape(first.PackagePurl)}");
        // A root filesystem has no layers; "layer unknown" under every package would only be noise.
        if (showLayer)
        {
            var layer = ReportFacts.Layer(first.LayerIndex);
            if (first.LayerDiffId is { } diffId && Digest.TryParse(diffId, out var d)) layer += $" ({d.Algorithm}:{d.Short()})";
            console.MarkupLine($"  [dim]{Markup.Escape(layer)}[/]");
        }

        var table = new Table()
            .Border(Options.Unicode ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("Severity")
            .AddColumn("Vulnerability")
            .AddColumn(new TableColumn("CVSS").RightAligned())
            .AddColumn("Affected range")
            .AddColumn("Fixed version")
            .AddColumn("Status");
        foreach (var f in group.Findings)
        {
            table.AddRow(
                SeverityStyle.Word(f.Severity),
                Markup.Escape(f.VulnerabilityId),
                Markup.Escape(ReportFacts.Cvss(f.CvssScore)),
                Markup.Escape(f.AffectedRange),
                f.FixedVersion is { } fixedIn ? $"[green]{Markup.Escape(fixedIn)}[/]" : "[dim]not fixed[/]",
                Status(f));
        }
        console.Write(table);
        console.WriteLine();
    }

    private Rule Heading(string title) => new Rule($"[bold]{title}[/]")
    {
        Justification = Justify.Left,
        Border = Options.Unicode ? BoxBorder.Square : BoxBorder.Ascii,
    };

    private static string Status(Finding f)
    {
        var word = f.Status switch
        {
            FindingStatus.Fixed => "[green]fixed[/]",
            FindingStatus.Indeterminate => "[bold darkorange]indeterminate[/]",
            _ => Markup.Escape(f.Status.ToText()),
        };
        return f.Reason is { Length: > 0 } reason ? $"{word}: {Markup.Escape(reason)}" : word;
    }

    private void RenderWarnings(IAnsiConsole console, IReadOnlyList<ScanWarning> warnings)
    {
        if (warnings.Count == 0) return;
        console.Write(Heading("Warnings"));
        var mark = Options.Unicode ? "⚠" : "!";
        // A grid keeps wrapped messages indented under their text instead of under the mark.
        var grid = new Grid()
            .AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(1))
            .AddColumn(new GridColumn());
        foreach (var w in warnings)
        {
            var suffix = w.Incomplete ? " [bold darkorange](scan incomplete)[/]" : "";
            grid.AddRow($"[darkorange]{mark}[/]", $"{Markup.Escape(w.Code)}: {Markup.Escape(w.Message)}{suffix}");
        }
        console.Write(grid);
        console.WriteLine();
    }

    private static void RenderTotals(IAnsiConsole console, ScanResult result, SeverityCounts counts, int vulnerablePackages)
    {
        if (counts.Total == 0)
        {
            // An incomplete scan that found nothing must not read as a clean bill of health.
            console.MarkupLine(result.Warnings.Any(w => w.Incomplete)
                ? $"[bold darkorange]No vulnerabilities found[/] in {ReportFacts.Plural(result.Packages.Count, "package")}, [bold darkorange]but the scan is incomplete[/]: packages may be missing."
                : $"[green]No vulnerabilities found[/] in {ReportFacts.Plural(result.Packages.Count, "package")}.");
            return;
        }
        var bySeverity = string.Join(", ",
            new[] { Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Negligible, Severity.Unknown }
                .Where(s => counts[s] > 0)
                .Select(s => $"{counts[s].ToString(CultureInfo.InvariantCulture)} [{SeverityStyle.Color(s)}]{s.ToText()}[/]"));
        console.MarkupLine(
            $"{ReportFacts.Count(counts.Total, "vulnerability", "vulnerabilities")} " +
            $"in {vulnerablePackages.ToString(CultureInfo.InvariantCulture)} of {ReportFacts.Plural(result.Packages.Count, "package")}: " +
            $"{bySeverity}; [green]{counts.Fixable.ToString(CultureInfo.InvariantCulture)} fixable[/]");
    }

    private static void RenderVerdict(IAnsiConsole console, Verdict verdict)
    {
        console.MarkupLine(
            $"Verdict: [{ReportFacts.VerdictColor(verdict.Outcome)}]{ReportFacts.Verdict(verdict.Outcome)}[/] " +
            $"(exit code {verdict.ExitCode.ToString(CultureInfo.InvariantCulture)})");
        foreach (var reason in verdict.Reasons) console.MarkupLine($"  - {Markup.Escape(reason)}");
    }
}
