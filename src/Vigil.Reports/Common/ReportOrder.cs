using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>
/// The one ordering every format uses, so two runs over the same result give byte-identical reports
/// and diffs between scans show real changes only.
/// </summary>
public static class ReportOrder
{
    /// <summary>Worst first, then package name, then vulnerability id; the rest only break ties.</summary>
    public static IReadOnlyList<Finding> Findings(IEnumerable<Finding> findings) => findings
        .OrderByDescending(f => f.Severity)
        .ThenBy(f => f.PackageName, StringComparer.Ordinal)
        .ThenBy(f => f.VulnerabilityId, StringComparer.Ordinal)
        .ThenBy(f => f.InstalledVersion, StringComparer.Ordinal)
        .ThenBy(f => f.PackagePurl, StringComparer.Ordinal)
        .ThenBy(f => f.Namespace, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<Package> Packages(IEnumerable<Package> packages) => packages
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.Version, StringComparer.Ordinal)
        .ThenBy(p => p.Type, StringComparer.Ordinal)
        .ThenBy(p => p.Purl, StringComparer.Ordinal)
        .ThenBy(p => p.Location, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> Strings(IEnumerable<string> values) =>
        values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
