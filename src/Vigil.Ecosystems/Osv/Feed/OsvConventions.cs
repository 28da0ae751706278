using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Core.Model;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Osv.Feed;

/// <summary>OSV record → Vigil advisory, per the conventions in docs/database.md.</summary>
public static partial class OsvConventions
{
    /// <summary>The version scheme of an OSV ecosystem (the part before ':' of "AlmaLinux:9").</summary>
    public static string Scheme(string ecosystem, IEnumerable<string?> rangeTypes)
    {
        var baseName = ecosystem.Split(':')[0];
        return baseName switch
        {
            "PyPI" => "pep440",
            "Go" => "go",
            "crates.io" => "semver",
            "npm" => "npm",
            "Maven" => "maven",
            "RubyGems" => "gem",
            "NuGet" => "nuget",
            "Packagist" => "composer",
            "Debian" or "Ubuntu" => "deb",
            "Alpine" => "apk",
            "AlmaLinux" or "Rocky Linux" or "Red Hat" or "openSUSE" or "SUSE" => "rpm",
            _ when rangeTypes.Any(t => t == "SEMVER") => "semver",
            _ => baseName.ToLowerInvariant(),
        };
    }

    [GeneratedRegex(@"^(Critical|Important|Moderate|Low):", RegexOptions.CultureInvariant)]
    private static partial Regex RedHatStyleSummary();

    public static Advisory ToAdvisory(OsvRecord r, string source)
    {
        var id = r.Id is { Length: > 0 } i ? i : throw FeedContent.Malformed(source, "is an OSV record without an id");
        var cvss = Cvss(r.Severity);
        var severity = SeverityOf(r.DatabaseSpecific);
        // AlmaLinux and Rocky state the vendor's severity only as the summary's first word, Red Hat style.
        if (severity is null && r.Summary is { } summary && RedHatStyleSummary().Match(summary) is { Success: true } m && SeverityText.TryParse(m.Groups[1].Value, out var s))
            severity = s;

        var affected = new List<AffectedPackage>();
        foreach (var a in r.Affected ?? [])
        {
            if (a.Package?.Ecosystem is not { Length: > 0 } ecosystem || a.Package.Name is not { Length: > 0 } name) continue;
            var ranges = (a.Ranges ?? [])
                .Select(x => new AffectedRange(x.Type ?? "ECOSYSTEM", (x.Events ?? []).Select(e => new RangeEvent(e.Introduced, e.Fixed, e.LastAffected, e.Limit)).ToList()))
                .ToList();
            var fixedVersion = ranges.Where(x => x.Type != "GIT").SelectMany(x => x.Events).Select(e => e.Fixed).FirstOrDefault(f => f is not null);
            var packageSeverity = SeverityOf(a.DatabaseSpecific) ?? SeverityOf(a.EcosystemSpecific);
            affected.Add(new AffectedPackage("osv:" + ecosystem, name, Scheme(ecosystem, ranges.Select(x => x.Type)), AffectedState.Affected,
                ranges, a.Versions ?? [], fixedVersion, packageSeverity, null, null));
        }

        // "related" ids of distro advisories (ALSA → CVE) are what scans and allowlists look up, so they count as aliases here.
        var aliases = (r.Aliases ?? []).Concat(r.Related ?? []).Where(x => x != id).Distinct(StringComparer.Ordinal).ToList();
        return new Advisory(id, "osv", aliases, r.Summary, r.Details, severity ?? Severity.Unknown, cvss,
            (r.References ?? []).Select(x => x.Url).OfType<string>().ToList(), Date(r.Published), Date(r.Modified), affected);
    }

    private static List<CvssScore> Cvss(IReadOnlyList<OsvSeverity>? severities)
    {
        var list = new List<CvssScore>();
        foreach (var s in severities ?? [])
        {
            if (s.Score is null || s.Type is not ("CVSS_V2" or "CVSS_V3")) continue;
            if (CvssScoring.TryScore(s.Score, out var version, out var score)) list.Add(new CvssScore(version, s.Score, score, "osv"));
        }
        return list;
    }

    private static Severity? SeverityOf(JsonElement? specific)
    {
        if (specific is not { ValueKind: JsonValueKind.Object } e) return null;
        if (e.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.String && SeverityText.TryParse(s.GetString(), out var severity)) return severity;
        return null;
    }

    // Go's repository copy carries the zero time; it means "unknown", not year 1.
    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d) && d.Year > 1 ? d : null;
}
