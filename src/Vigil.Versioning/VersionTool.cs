using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning;

/// <summary>What <c>vigil version compare</c> needs: compare two versions, or check one against a range, by scheme name.</summary>
public static class VersionTool
{
    /// <summary>Compares <paramref name="a"/> with <paramref name="b"/>; <paramref name="order"/> is -1, 0 or 1.</summary>
    public static bool TryCompare(string scheme, string a, string b, out int order, [NotNullWhen(false)] out string? error)
    {
        order = 0;
        if (!TryScheme(scheme, out var s, out error)) return false;
        if (!s.TryParse(a, out var va, out var ra))
        {
            error = $"'{a}' is not a valid {s.Name} version: {ra}";
            return false;
        }

        if (!s.TryParse(b, out var vb, out var rb))
        {
            error = $"'{b}' is not a valid {s.Name} version: {rb}";
            return false;
        }

        order = Math.Sign(va.CompareTo(vb));
        return true;
    }

    /// <summary>
    /// Checks <paramref name="version"/> against <paramref name="range"/> in the scheme's native range syntax, or, for
    /// schemes without one (deb, apk, rpm), a comparator list such as <c>&gt;= 1.0, &lt; 2.0</c>.
    /// </summary>
    public static bool TryCheckRange(string scheme, string version, string range, out bool satisfied, [NotNullWhen(false)] out string? error)
    {
        satisfied = false;
        if (!TryScheme(scheme, out var s, out error)) return false;
        if (!s.TryParse(version, out var v, out var why))
        {
            error = $"'{version}' is not a valid {s.Name} version: {why}";
            return false;
        }

        if (!TryParseRange(s, range, out var r, out why))
        {
            error = $"'{range}' is not a valid {s.Name} range: {why}";
            return false;
        }

        satisfied = r.Contains(v);
        return true;
    }

    /// <summary>Parses a range in <paramref name="scheme"/>'s native syntax, or as a comparator list.</summary>
    public static bool TryParseRange(IVersionScheme scheme, string range, [NotNullWhen(true)] out IVersionRange? parsed, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (scheme is IRangeSyntax native) return native.TryParseRange(range, out parsed, out error);
        var ok = ComparatorRange.TryParse(scheme, range, out var c, out error);
        parsed = c;
        return ok;
    }

    private static bool TryScheme(string name, [NotNullWhen(true)] out IVersionScheme? scheme, [NotNullWhen(false)] out string? error)
    {
        if (VersionSchemes.TryGet(name, out scheme))
        {
            error = null;
            return true;
        }

        error = $"unknown version scheme '{name}'; known: {string.Join(", ", VersionSchemes.All.Select(x => x.Name))}";
        return false;
    }
}
