using System.Runtime.CompilerServices;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Versioning;

namespace Vigil.Ecosystems.Common;

/// <summary>
/// Matches OS packages against their distribution's own advisories only: vendors backport fixes,
/// so upstream ranges would be wrong for them. Subclasses say which packages, which namespace,
/// which name the vendor files advisories under and which version to compare.
/// </summary>
public abstract class VendorAdvisoryMatcher : IMatcher
{
    public abstract string Id { get; }

    /// <summary>The version scheme name, e.g. deb or apk.</summary>
    protected abstract string SchemeName { get; }

    protected abstract string PackageType { get; }

    /// <summary>The distribution ids (os-release ID) this matcher serves.</summary>
    protected abstract IReadOnlyList<string> DistroIds { get; }

    /// <summary>The database namespace for the image's distribution, or null when it cannot be told.</summary>
    public abstract string? NamespaceFor(Distro distro);

    /// <summary>The name the vendor's advisories use (source package, origin).</summary>
    protected virtual string AdvisoryName(Package package) => package.SourceName;

    /// <summary>The version compared with the advisory's (source version for Debian, the package version for Alpine).</summary>
    protected virtual string ComparedVersion(Package package) => package.SourceVersion;

    public bool Handles(Package package, Distro? distro) =>
        package.Type == PackageType && distro is not null && DistroIds.Contains(distro.Id);

    public async IAsyncEnumerable<Finding> MatchAsync(Package package, Distro? distro, IAdvisoryStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (distro is null || NamespaceFor(distro) is not { } ns) yield break;
        var scheme = VersionSchemes.Get(SchemeName);
        var hits = await store.FindAsync(ns, AdvisoryName(package), cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits.OrderBy(h => h.Advisory.Id, StringComparer.Ordinal))
        {
            var affected = hit.Affected;
            var compared = ComparedVersion(package);
            var (verdict, reason) = AffectedEvaluator.Evaluate(scheme, compared, affected);
            if (verdict == AffectedVerdict.NotAffected) continue;
            if (!seen.Add(hit.Advisory.Id)) continue;

            var status = verdict == AffectedVerdict.Indeterminate ? FindingStatus.Indeterminate
                : affected.State == AffectedState.WontFix ? FindingStatus.WontFix
                : affected.FixedVersion is not null ? FindingStatus.Fixed
                : FindingStatus.NotFixed;
            var (severity, source, cvss) = await SeverityResolver.ResolveAsync(hit, store, cancellationToken);
            yield return new Finding(
                VulnerabilityId: hit.Advisory.Id,
                PackageName: package.Name,
                PackageType: package.Type,
                PackagePurl: package.Purl,
                InstalledVersion: package.Version,
                FixedVersion: affected.FixedVersion,
                AffectedRange: DescribeRange(affected),
                Severity: severity,
                SeveritySource: source,
                Status: status,
                Feed: hit.Advisory.Feed,
                Namespace: ns,
                CvssScore: cvss?.BaseScore,
                CvssVector: cvss?.Vector,
                Description: hit.Advisory.Description ?? hit.Advisory.Summary,
                Aliases: hit.Advisory.Aliases,
                Urgency: affected.Urgency,
                Reason: reason ?? affected.Note,
                LayerIndex: package.LayerIndex,
                LayerDiffId: package.LayerDiffId);
        }
    }

    /// <summary>A short human range: "&lt; 1.2-3" when fixed, "&gt;= 0" (every version) when not.</summary>
    public static string DescribeRange(AffectedPackage affected)
    {
        if (affected.FixedVersion is { } fixedVersion) return $"< {fixedVersion}";
        var parts = new List<string>();
        foreach (var range in affected.Ranges)
        {
            foreach (var e in range.Events)
            {
                if (e.Introduced is { } i) parts.Add($">= {i}");
                if (e.Fixed is { } f) parts.Add($"< {f}");
                if (e.LastAffected is { } l) parts.Add($"<= {l}");
                if (e.Limit is { } lim) parts.Add($"< {lim}");
            }
        }
        if (affected.Versions.Count > 0) parts.Add(string.Join(", ", affected.Versions.Select(v => $"= {v}")));
        return parts.Count == 0 ? ">= 0" : string.Join(", ", parts);
    }
}
