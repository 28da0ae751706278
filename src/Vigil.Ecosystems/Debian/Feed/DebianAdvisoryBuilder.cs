using Vigil.Core.Model;

namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>
/// Turns tracker list entries (CVE/list and DSA/DLA lists, in text or vuln-list JSON form) into advisories,
/// applying the tracker's precedence: a release's own CVE/list line, else the DSA/DLA that fixed it there,
/// else the unstable line inherited (see <see cref="DebianReleases.InheritingByDefault"/>).
/// </summary>
public sealed class DebianAdvisoryBuilder
{
    private readonly IReadOnlyDictionary<string, string>? _majorOverrides;
    private readonly IReadOnlyList<string> _inheriting;

    public DebianAdvisoryBuilder(IReadOnlyDictionary<string, string>? majorOverrides = null, IReadOnlyList<string>? inheriting = null)
    {
        _majorOverrides = majorOverrides;
        _inheriting = inheriting ?? DebianReleases.InheritingByDefault;
    }

    public IEnumerable<Advisory> Build(IReadOnlyList<DebianCveEntry> cves, IReadOnlyList<DebianAdvisoryEntry> advisories)
    {
        // The lists are newest first: walking them backwards lets the earliest advisory that fixed a release win.
        var fixesByCve = new Dictionary<string, Dictionary<(string Release, string Package), (string Version, string AdvisoryId)>>(StringComparer.Ordinal);
        var advisoryIdsByCve = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var withoutCve = new List<DebianAdvisoryEntry>();
        for (var i = advisories.Count - 1; i >= 0; i--)
        {
            var a = advisories[i];
            var cveIds = a.Cves.Where(c => c.StartsWith("CVE-", StringComparison.Ordinal) || c.StartsWith("TEMP-", StringComparison.Ordinal)).ToList();
            if (cveIds.Count == 0)
            {
                if (a.Packages.Count > 0) withoutCve.Add(a);
                continue;
            }
            foreach (var cve in cveIds)
            {
                if (!advisoryIdsByCve.TryGetValue(cve, out var ids)) advisoryIdsByCve[cve] = ids = [];
                if (!ids.Contains(a.Id)) ids.Add(a.Id);
                if (!fixesByCve.TryGetValue(cve, out var fixes)) fixesByCve[cve] = fixes = [];
                foreach (var p in a.Packages)
                {
                    if (p.Release is null || p.Kind != DebianLineKind.Fixed || p.Version is null) continue;
                    fixes.TryAdd((p.Release, p.Package), (p.Version, a.Id));
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in cves)
        {
            if (!seen.Add(entry.Id)) continue;
            fixesByCve.TryGetValue(entry.Id, out var fixes);
            advisoryIdsByCve.TryGetValue(entry.Id, out var dsaIds);
            var aliases = entry.Xrefs.Where(x => x != entry.Id).Concat(dsaIds ?? []).Distinct(StringComparer.Ordinal).ToList();
            var affected = BuildAffected(entry.Packages, fixes);
            if (affected.Count == 0) continue;
            yield return NewAdvisory(entry.Id, aliases, entry.Description, affected);
        }

        // CVEs only the DSA/DLA lists know (no CVE/list given, or an entry it lacks).
        foreach (var (cve, fixes) in fixesByCve)
        {
            if (seen.Contains(cve) || fixes.Count == 0) continue;
            seen.Add(cve);
            var affected = fixes.Select(f => Fixed(f.Key.Release, f.Key.Package, f.Value.Version, null, null)).ToList();
            yield return NewAdvisory(cve, advisoryIdsByCve[cve], null, affected);
        }

        foreach (var a in withoutCve)
        {
            if (!seen.Add(a.Id)) continue;
            var affected = a.Packages.Where(p => p.Kind == DebianLineKind.Fixed && p.Version is not null)
                .Select(p => Fixed(p.Release, p.Package, p.Version!, null, null)).ToList();
            if (affected.Count > 0) yield return NewAdvisory(a.Id, [], a.Title, affected);
        }
    }

    private List<AffectedPackage> BuildAffected(IReadOnlyList<DebianPackageLine> lines, Dictionary<(string Release, string Package), (string Version, string AdvisoryId)>? fixes)
    {
        var result = new List<AffectedPackage>();
        var stated = new HashSet<(string Namespace, string Package)>();
        // The tracker states the urgency once, on the unstable line; it holds for every release of that package.
        var urgencies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Release is null && line.Urgency is not null) urgencies.TryAdd(line.Package, line.Urgency);
        }
        foreach (var line in lines)
        {
            if (line.Kind is DebianLineKind.Itp or DebianLineKind.Unknown) continue;
            var ns = DebianReleases.Namespace(line.Release, _majorOverrides);
            if (!stated.Add((ns, line.Package))) continue;
            result.Add(FromLine(line.Urgency is null && urgencies.TryGetValue(line.Package, out var u) ? line with { Urgency = u } : line, ns));
        }
        if (fixes is not null)
        {
            foreach (var ((release, package), (version, advisoryId)) in fixes)
            {
                var ns = DebianReleases.Namespace(release, _majorOverrides);
                if (!stated.Add((ns, package))) continue;
                result.Add(Fixed(release, package, version, urgencies.GetValueOrDefault(package), advisoryId));
            }
        }
        foreach (var unstable in lines.Where(l => l.Release is null && l.Kind is not (DebianLineKind.Itp or DebianLineKind.Unknown)))
        {
            var severity = DebianReleases.Severity(unstable.Urgency);
            foreach (var release in _inheriting)
            {
                var ns = DebianReleases.Namespace(release, _majorOverrides);
                if (!stated.Add((ns, unstable.Package))) continue;
                var note = "inherited from unstable: the tracker has no line for " + release;
                result.Add(unstable.Kind switch
                {
                    // The fix is unstable's: versions below it are vulnerable, but nothing says the fix reached this release.
                    DebianLineKind.Fixed when unstable.Version != "0" => Affected(ns, unstable.Package,
                        [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0"), new RangeEvent(Fixed: unstable.Version)])], null, severity, unstable.Urgency, note),
                    DebianLineKind.Fixed or DebianLineKind.NotAffected => NotAffected(ns, unstable.Package, severity, unstable.Urgency, note),
                    DebianLineKind.Removed => Affected(ns, unstable.Package, Open, null, severity, unstable.Urgency, "removed from unstable; " + note),
                    _ => Affected(ns, unstable.Package, Open, null, severity, unstable.Urgency, note),
                });
            }
        }
        return result;
    }

    private static readonly IReadOnlyList<AffectedRange> Open = [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0")])];

    private static AffectedPackage FromLine(DebianPackageLine line, string ns)
    {
        var severity = DebianReleases.Severity(line.Urgency);
        return line.Kind switch
        {
            DebianLineKind.Fixed when line.Version == "0" => NotAffected(ns, line.Package, severity, line.Urgency, null),
            DebianLineKind.Fixed => Affected(ns, line.Package,
                [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0"), new RangeEvent(Fixed: line.Version)])], line.Version, severity, line.Urgency, null),
            DebianLineKind.NotAffected => NotAffected(ns, line.Package, severity, line.Urgency, line.Reason is null ? "not-affected" : "not-affected: " + line.Reason),
            DebianLineKind.Ignored => WontFix(ns, line.Package, severity, line.Urgency, line.Reason is null ? "ignored" : "ignored: " + line.Reason),
            DebianLineKind.EndOfLife => WontFix(ns, line.Package, severity, line.Urgency, line.Reason is null ? "end-of-life" : "end-of-life: " + line.Reason),
            DebianLineKind.NoDsa => Affected(ns, line.Package, Open, null, severity, line.Urgency, line.Reason is null ? "no-dsa" : "no-dsa: " + line.Reason),
            DebianLineKind.Postponed => Affected(ns, line.Package, Open, null, severity, line.Urgency, line.Reason is null ? "postponed" : "postponed: " + line.Reason),
            DebianLineKind.Removed => Affected(ns, line.Package, Open, null, severity, line.Urgency, "removed"),
            DebianLineKind.Undetermined => Affected(ns, line.Package, Open, null, severity, line.Urgency, "undetermined"),
            _ => Affected(ns, line.Package, Open, null, severity, line.Urgency, null),
        };
    }

    private AffectedPackage Fixed(string? release, string package, string version, string? urgency, string? advisoryId)
    {
        var ns = DebianReleases.Namespace(release, _majorOverrides);
        if (version == "0") return NotAffected(ns, package, null, urgency, advisoryId);
        return Affected(ns, package, [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0"), new RangeEvent(Fixed: version)])],
            version, DebianReleases.Severity(urgency), urgency, advisoryId is null ? null : "fixed by " + advisoryId);
    }

    internal static AffectedPackage Affected(string ns, string package, IReadOnlyList<AffectedRange> ranges, string? fixedVersion, Severity? severity, string? urgency, string? note) =>
        new(ns, package, "deb", AffectedState.Affected, ranges, [], fixedVersion, severity, urgency, note);

    internal static AffectedPackage NotAffected(string ns, string package, Severity? severity, string? urgency, string? note) =>
        new(ns, package, "deb", AffectedState.NotAffected, [], [], null, severity, urgency, note);

    internal static AffectedPackage WontFix(string ns, string package, Severity? severity, string? urgency, string? note) =>
        new(ns, package, "deb", AffectedState.WontFix, Open, [], null, severity, urgency, note);

    internal static Advisory NewAdvisory(string id, IReadOnlyList<string> aliases, string? description, IReadOnlyList<AffectedPackage> affected) =>
        new(id, "debian", aliases, null, description, Severity.Unknown, [], [DebianTrackerUrl(id)], null, null, affected);

    internal static string DebianTrackerUrl(string id) => "https://security-tracker.debian.org/tracker/" + id;
}
