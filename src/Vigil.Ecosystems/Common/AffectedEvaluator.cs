using Vigil.Core.Model;
using Vigil.Versioning;

namespace Vigil.Ecosystems.Common;

public enum AffectedVerdict
{
    NotAffected,
    Affected,
    Indeterminate,
}

/// <summary>Decides whether an installed version falls in an advisory's affected ranges, per the OSV evaluation rules.</summary>
public static class AffectedEvaluator
{
    public static (AffectedVerdict Verdict, string? Reason) Evaluate(IVersionScheme scheme, string installed, AffectedPackage affected)
    {
        if (affected.State == AffectedState.NotAffected) return (AffectedVerdict.NotAffected, null);
        if (!scheme.TryParse(installed, out var version, out var why))
            return (AffectedVerdict.Indeterminate, $"installed version '{installed}' is not a valid {scheme.Name} version: {why}");

        // No ranges and no versions: the advisory says every version is affected.
        if (affected.Ranges.Count == 0 && affected.Versions.Count == 0) return (AffectedVerdict.Affected, null);

        foreach (var listed in affected.Versions)
        {
            if (scheme.TryParse(listed, out var v, out _) && v.CompareTo(version) == 0) return (AffectedVerdict.Affected, null);
            if (listed == installed) return (AffectedVerdict.Affected, null);
        }

        foreach (var range in affected.Ranges)
        {
            if (range.Type.Equals("GIT", StringComparison.OrdinalIgnoreCase)) continue;
            var (inRange, reason) = InRange(scheme, version, range);
            if (reason is not null) return (AffectedVerdict.Indeterminate, reason);
            if (inRange) return (AffectedVerdict.Affected, null);
        }
        return (AffectedVerdict.NotAffected, null);
    }

    // OSV: sort events by version ("0" first), then walk: introduced opens, fixed/limit close (exclusive), last_affected closes inclusive.
    private static (bool InRange, string? Reason) InRange(IVersionScheme scheme, IVersion version, AffectedRange range)
    {
        var events = new List<(IVersion? At, RangeEvent Event)>(range.Events.Count);
        foreach (var e in range.Events)
        {
            var text = e.Introduced ?? e.Fixed ?? e.LastAffected ?? e.Limit;
            if (text is null) continue;
            if (e.Introduced == "0") { events.Add((null, e)); continue; }
            if (!scheme.TryParse(text, out var at, out var why))
                return (false, $"advisory version '{text}' is not a valid {scheme.Name} version: {why}");
            events.Add((at, e));
        }
        events.Sort((a, b) => a.At is null ? (b.At is null ? 0 : -1) : b.At is null ? 1 : a.At.CompareTo(b.At));

        var affected = false;
        foreach (var (at, e) in events)
        {
            if (e.Introduced is not null)
            {
                if (at is null || version.CompareTo(at) >= 0) affected = true;
            }
            else if (e.Fixed is not null || e.Limit is not null)
            {
                if (at is not null && version.CompareTo(at) >= 0) affected = false;
            }
            else if (e.LastAffected is not null)
            {
                if (at is not null && version.CompareTo(at) > 0) affected = false;
            }
        }
        return (affected, null);
    }
}
