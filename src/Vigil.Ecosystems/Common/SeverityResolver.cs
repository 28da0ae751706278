using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Ecosystems.Common;

/// <summary>Severity as the issue orders it: the vendor's first, else NVD's CVSS when imported, else unknown.</summary>
public static class SeverityResolver
{
    public static async Task<(Severity Severity, string Source, CvssScore? Cvss)> ResolveAsync(AdvisoryHit hit, IAdvisoryStore store, CancellationToken cancellationToken)
    {
        var ownCvss = Best(hit.Advisory.Cvss);
        if (hit.Affected.Severity is { } vendor and not Severity.Unknown)
            return (vendor, hit.Advisory.Feed, ownCvss ?? await NvdAsync(hit, store, cancellationToken));
        if (hit.Advisory.Severity is not Severity.Unknown)
            return (hit.Advisory.Severity, hit.Advisory.Feed, ownCvss ?? await NvdAsync(hit, store, cancellationToken));
        if (ownCvss is not null) return (SeverityText.FromCvss(ownCvss.BaseScore), hit.Advisory.Feed, ownCvss);
        var nvd = await NvdAsync(hit, store, cancellationToken);
        return nvd is null ? (Severity.Unknown, "none", null) : (SeverityText.FromCvss(nvd.BaseScore), "nvd", nvd);
    }

    private static async Task<CvssScore?> NvdAsync(AdvisoryHit hit, IAdvisoryStore store, CancellationToken cancellationToken)
    {
        var cve = hit.Advisory.Id.StartsWith("CVE-", StringComparison.Ordinal)
            ? hit.Advisory.Id
            : hit.Advisory.Aliases.FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal));
        return cve is null ? null : Best(await store.GetNvdCvssAsync(cve, cancellationToken));
    }

    /// <summary>The newest CVSS version, preferring NVD's own score among equals (it is what users compare with).</summary>
    public static CvssScore? Best(IReadOnlyList<CvssScore> scores) =>
        scores.Where(s => !s.Version.StartsWith('2') || scores.All(o => o.Version.StartsWith('2')))
            .OrderByDescending(s => s.Version.StartsWith("3", StringComparison.Ordinal) ? 1 : 0)
            .ThenByDescending(s => s.Version, StringComparer.Ordinal)
            .ThenByDescending(s => s.Source == "nvd@nist.gov" ? 1 : 0)
            .FirstOrDefault();
}
