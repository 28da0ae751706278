namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>The kind of a package line in the tracker lists: a version, or one of the &lt;…&gt; words.</summary>
public enum DebianLineKind
{
    Fixed,
    Unfixed,
    NotAffected,
    NoDsa,
    Ignored,
    Postponed,
    EndOfLife,
    Removed,
    Undetermined,
    Itp,
    Unknown,
}

/// <summary>One <c>[release] - package version-or-&lt;state&gt; (extra)</c> line; Release null is the unstable line.</summary>
public sealed record DebianPackageLine(string? Release, string Package, DebianLineKind Kind, string? Version, string? Urgency, string? Reason);

/// <summary>One CVE/list entry (also a vuln-list-debian CVE file).</summary>
public sealed record DebianCveEntry(string Id, string? Description, IReadOnlyList<string> Xrefs, IReadOnlyList<DebianPackageLine> Packages, IReadOnlyList<string> Notes);

/// <summary>One DSA/DLA list entry: its CVEs and the fixed version per release.</summary>
public sealed record DebianAdvisoryEntry(string Id, string? Date, string? Title, IReadOnlyList<string> Cves, IReadOnlyList<DebianPackageLine> Packages);
