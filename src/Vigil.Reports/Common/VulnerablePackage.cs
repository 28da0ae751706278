using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>The findings of one installed package, for formats that list vulnerabilities under their package.</summary>
internal sealed record VulnerablePackage(string Name, string Version, string Purl, IReadOnlyList<Finding> Findings)
{
    public Severity Worst => Findings[0].Severity;

    /// <summary>Groups sorted findings by package: worst package first, then by name, version and purl.</summary>
    public static IReadOnlyList<VulnerablePackage> Group(IReadOnlyList<Finding> sortedFindings) => sortedFindings
        .GroupBy(f => (f.PackageName, f.InstalledVersion, f.PackagePurl))
        .Select(g => new VulnerablePackage(g.Key.PackageName, g.Key.InstalledVersion, g.Key.PackagePurl, ReportOrder.Findings(g)))
        .OrderByDescending(p => p.Worst)
        .ThenBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.Version, StringComparer.Ordinal)
        .ThenBy(p => p.Purl, StringComparer.Ordinal)
        .ToList();
}
