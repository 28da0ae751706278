using System.Globalization;
using Spectre.Console;
using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>Colours for severities, shared by the human-readable formats so they look alike.</summary>
internal static class SeverityStyle
{
    public static string Color(Severity severity) => severity switch
    {
        Severity.Critical => "bold white on red3",
        Severity.High => "bold red",
        Severity.Medium => "darkorange",
        Severity.Low => "yellow",
        Severity.Negligible => "grey",
        _ => "grey italic",
    };

    public static string Word(Severity severity) => $"[{Color(severity)}]{severity.ToText().ToUpperInvariant()}[/]";

    /// <summary>The Scout-style counts, <c>1C 3H 6M 63L</c>, coloured per severity; zero counts are dimmed.</summary>
    public static string Shorthand(SeverityCounts counts)
    {
        var parts = new List<string>
        {
            Part(counts.Critical, "C", Severity.Critical),
            Part(counts.High, "H", Severity.High),
            Part(counts.Medium, "M", Severity.Medium),
            Part(counts.Low + counts.Negligible, "L", Severity.Low),
        };
        if (counts.Unknown > 0) parts.Add(Part(counts.Unknown, "U", Severity.Unknown));
        return string.Join(' ', parts);
    }

    private static string Part(int count, string letter, Severity severity) =>
        count == 0 ? $"[dim]{count.ToString(CultureInfo.InvariantCulture)}{letter}[/]"
            : $"[{Color(severity)}]{count.ToString(CultureInfo.InvariantCulture)}{letter}[/]";
}
