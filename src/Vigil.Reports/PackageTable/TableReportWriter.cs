using System.Globalization;
using Spectre.Console;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.PackageTable;

/// <summary>The package list for <c>vigil sbom</c>: one row per package, then counts by type.</summary>
public sealed class TableReportWriter(TextReportOptions? options = null) : ConsoleReportWriter(options)
{
    public override string Format => "table";

    protected override void Render(IAnsiConsole console, ScanResult result)
    {
        var border = Options.Unicode ? TableBorder.Rounded : TableBorder.Ascii;
        var packages = ReportOrder.Packages(result.Packages);
        console.MarkupLine($"[bold]{Markup.Escape(result.Target.Name)}[/] ({Markup.Escape(ReportFacts.Platform(result.Target))}, {Markup.Escape(ReportFacts.Os(result))})");

        if (packages.Count == 0)
        {
            console.MarkupLine("No packages found.");
        }
        else
        {
            var table = new Spectre.Console.Table().Border(border)
                .AddColumn("Name").AddColumn("Version").AddColumn("Type").AddColumn("Source")
                .AddColumn(new TableColumn("Layer").RightAligned());
            foreach (var p in packages)
            {
                table.AddRow(
                    Markup.Escape(p.Name),
                    Markup.Escape(p.Version),
                    Markup.Escape(p.Type),
                    Markup.Escape(Source(p)),
                    p.LayerIndex < 0 ? "-" : p.LayerIndex.ToString(CultureInfo.InvariantCulture));
            }
            console.Write(table);

            var byType = new Spectre.Console.Table().Border(border)
                .AddColumn("Type").AddColumn(new TableColumn("Packages").RightAligned());
            foreach (var group in packages.GroupBy(p => p.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                byType.AddRow(Markup.Escape(group.Key), group.Count().ToString(CultureInfo.InvariantCulture));
            }
            byType.AddRow("[bold]total[/]", $"[bold]{packages.Count.ToString(CultureInfo.InvariantCulture)}[/]");
            console.Write(byType);
        }

        // The list is only as good as the scan: say so under it rather than let a short list look complete.
        var incomplete = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(1)).AddColumn(new GridColumn());
        foreach (var w in result.Warnings.Where(w => w.Incomplete))
        {
            incomplete.AddRow("[bold darkorange]Incomplete:[/]", $"{Markup.Escape(w.Code)}: {Markup.Escape(w.Message)}");
        }
        if (incomplete.Rows.Count > 0) console.Write(incomplete);
    }

    /// <summary>The source package, shown only where it says something the name and version do not.</summary>
    private static string Source(Package p)
    {
        var sameName = string.Equals(p.SourceName, p.Name, StringComparison.Ordinal);
        var sameVersion = string.Equals(p.SourceVersion, p.Version, StringComparison.Ordinal);
        if (sameName && sameVersion) return "";
        return sameVersion ? p.SourceName : $"{p.SourceName} {p.SourceVersion}";
    }
}
