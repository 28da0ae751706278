using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.Text;

/// <summary>The overview box at the top of the text report.</summary>
internal static class TextOverview
{
    public static IRenderable Build(ScanResult result, SeverityCounts counts, TextReportOptions options)
    {
        var grid = new Grid()
            .AddColumn(new GridColumn().NoWrap().PadRight(2))
            .AddColumn(new GridColumn());
        grid.AddRow("[bold]Target[/]", $"[bold]{Markup.Escape(result.Target.Name)}[/]");
        grid.AddRow("  digest", Markup.Escape(ReportFacts.Digest(result.Target)));
        grid.AddRow("  platform", Markup.Escape(ReportFacts.Platform(result.Target)));
        grid.AddRow("  OS", Markup.Escape(ReportFacts.Os(result)));
        grid.AddRow("  vulnerabilities",
            $"{SeverityStyle.Shorthand(counts)}  ({counts.Fixable.ToString(CultureInfo.InvariantCulture)} fixable)");
        grid.AddRow("  packages", result.Packages.Count.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("  database", Markup.Escape(ReportFacts.DatabaseAge(result)));
        return new Panel(grid) { Header = new PanelHeader(" Overview "), Border = options.Unicode ? BoxBorder.Rounded : BoxBorder.Ascii };
    }
}
