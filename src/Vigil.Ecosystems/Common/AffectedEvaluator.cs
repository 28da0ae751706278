using Vigil.Core.Model;
using Vigil.Versioning;
using Vigil.Versioning.Ranges;

namespace Vigil.Ecosystems.Common;

public enum AffectedVerdict
{
    NotAffected,
    Affected,
    Indeterminate,
}

/// <summary>
/// Decides whether an installed version falls in an advisory statement: the vendor's state first, then the
/// OSV evaluation of its ranges (Vigil.Versioning), where an unparsable version is indeterminate, never "not affected".
/// </summary>
public static class AffectedEvaluator
{
    public static (AffectedVerdict Verdict, string? Reason) Evaluate(IVersionScheme scheme, string installed, AffectedPackage affected)
    {
        if (affected.State == AffectedState.NotAffected) return (AffectedVerdict.NotAffected, null);
        if (!scheme.TryParse(installed, out _, out var why))
            return (AffectedVerdict.Indeterminate, $"installed version '{installed}' is not a valid {scheme.Name} version: {why}");

        // A statement without ranges or versions (e.g. Debian's <unfixed>) covers every version.
        if (affected.Ranges.Count == 0 && affected.Versions.Count == 0) return (AffectedVerdict.Affected, null);

        var ranges = affected.Ranges
            .Select(r => new OsvRange(r.Type, r.Events.Select(e => new OsvEvent(e.Introduced, e.Fixed, e.LastAffected, e.Limit)).ToList()))
            .ToList();
        var verdict = OsvRangeEvaluator.Evaluate(scheme, installed, ranges, affected.Versions);
        return verdict.Kind switch
        {
            RangeVerdictKind.Affected => (AffectedVerdict.Affected, null),
            RangeVerdictKind.Indeterminate => (AffectedVerdict.Indeterminate, verdict.Reason),
            _ => (AffectedVerdict.NotAffected, null),
        };
    }
}
