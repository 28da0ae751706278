namespace Vigil.Core.Model;

/// <summary>One vulnerability record from one feed (a CVE in Debian's tracker, an OSV entry, an Alpine secfix).</summary>
/// <param name="Id">CVE-…, GHSA-…, GO-…, ALSA-…; the id the feed uses.</param>
/// <param name="Feed">The feed id that produced it: debian, alpine, osv, nvd.</param>
/// <param name="Severity">The feed's own severity for the whole record, when it has one.</param>
public sealed record Advisory(
    string Id,
    string Feed,
    IReadOnlyList<string> Aliases,
    string? Summary,
    string? Description,
    Severity Severity,
    IReadOnlyList<CvssScore> Cvss,
    IReadOnlyList<string> References,
    DateTimeOffset? Published,
    DateTimeOffset? Modified,
    IReadOnlyList<AffectedPackage> Affected);

/// <summary>A CVSS score as a feed states it.</summary>
/// <param name="Version">"2.0", "3.0", "3.1", "4.0".</param>
/// <param name="Source">Who scored it: nvd@nist.gov, the CNA, the vendor.</param>
public sealed record CvssScore(string Version, string Vector, double BaseScore, string? Source);

/// <summary>What an advisory says about one package in one namespace.</summary>
/// <param name="Namespace">
/// Where the package name lives: <c>debian:12</c>, <c>alpine:3.18</c>, or for OSV <c>osv:PyPI</c>, <c>osv:Go</c>, <c>osv:AlmaLinux:9</c>.
/// Distro namespaces use the distro's VERSION_ID major (Debian) or major.minor (Alpine).
/// </param>
/// <param name="Package">Source package for Debian, origin for Alpine, the ecosystem's name elsewhere.</param>
/// <param name="Scheme">The version scheme name (see Vigil.Versioning): deb, apk, rpm, semver, pep440, …</param>
/// <param name="Ranges">Affected ranges as OSV events. No ranges and no versions with State=Affected means every version.</param>
/// <param name="Versions">Explicitly affected versions (OSV "versions").</param>
/// <param name="FixedVersion">The first fixed version when the feed names one; used for display and fixability.</param>
/// <param name="Severity">The vendor's severity for this package, if any (e.g. Debian urgency mapped; unimportant → negligible).</param>
/// <param name="Urgency">The vendor's raw urgency/priority word, kept as written.</param>
/// <param name="Note">no-dsa, postponed, ignored, end-of-life … and the tracker's free text.</param>
public sealed record AffectedPackage(
    string Namespace,
    string Package,
    string Scheme,
    AffectedState State,
    IReadOnlyList<AffectedRange> Ranges,
    IReadOnlyList<string> Versions,
    string? FixedVersion,
    Severity? Severity,
    string? Urgency,
    string? Note);

public enum AffectedState
{
    /// <summary>Affected within the ranges; a fix exists when a range has a Fixed bound.</summary>
    Affected,
    /// <summary>The vendor says this package is not affected: suppresses matches from less specific sources.</summary>
    NotAffected,
    /// <summary>Affected and the vendor will not fix (no-dsa ignored, end-of-life).</summary>
    WontFix,
}

/// <summary>An OSV-style range: events in order. Type is SEMVER, ECOSYSTEM or GIT.</summary>
public sealed record AffectedRange(string Type, IReadOnlyList<RangeEvent> Events);

/// <summary>One OSV range event; exactly one of the fields is set.</summary>
public sealed record RangeEvent(string? Introduced = null, string? Fixed = null, string? LastAffected = null, string? Limit = null);
