namespace Vigil.Versioning.Ranges;

/// <summary>An OSV range: <c>SEMVER</c>, <c>ECOSYSTEM</c> or <c>GIT</c>, with its events in any order.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);

/// <summary>One OSV event; exactly one field is set. <c>introduced: "0"</c> is before every version, a limit containing "*" is infinity.</summary>
public sealed record OsvEvent(string? Introduced = null, string? Fixed = null, string? LastAffected = null, string? Limit = null);

public enum RangeVerdictKind
{
    NotAffected,
    Affected,
    /// <summary>Vigil could not decide: a version did not parse, or the range is malformed. Never to be read as "not affected".</summary>
    Indeterminate,
}

/// <summary>The answer for one installed version, with the reason a user can read.</summary>
public sealed record RangeVerdict(RangeVerdictKind Kind, string Reason)
{
    public bool IsAffected => Kind == RangeVerdictKind.Affected;
}
