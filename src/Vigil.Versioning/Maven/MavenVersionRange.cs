using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Maven;

/// <summary>
/// A Maven version range as <c>VersionRange.createFromVersionSpec</c> reads it: bracketed restrictions such as
/// <c>[1.0,2.0)</c>, <c>(,1.5]</c>, <c>[1.2]</c>, joined by commas (<c>(,1.0],[1.2,)</c>), any of which may hold. A bare
/// version (<c>1.0</c>) is Maven's soft requirement: it holds for every version, as it does in Maven.
/// </summary>
public sealed class MavenVersionRange : IVersionRange
{
    private readonly Restriction[] _restrictions;

    private MavenVersionRange(string original, Restriction[] restrictions, MavenVersion? recommended)
    {
        Original = original;
        _restrictions = restrictions;
        Recommended = recommended;
    }

    public string Original { get; }

    /// <summary>The version of a soft requirement (a spec without brackets), else null.</summary>
    public MavenVersion? Recommended { get; }

    private sealed record Restriction(MavenVersion? Lower, bool LowerInclusive, MavenVersion? Upper, bool UpperInclusive)
    {
        public static readonly Restriction Everything = new(null, false, null, false);

        public bool Contains(MavenVersion v)
        {
            if (Lower is not null)
            {
                var c = Lower.CompareTo(v);
                if (c > 0 || (c == 0 && !LowerInclusive)) return false;
            }

            if (Upper is not null)
            {
                var c = Upper.CompareTo(v);
                if (c < 0 || (c == 0 && !UpperInclusive)) return false;
            }

            return true;
        }
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out MavenVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "range is empty";
            return false;
        }

        var restrictions = new List<Restriction>();
        MavenVersion? upperBound = null;
        var rest = text;
        while (rest.StartsWith('[') || rest.StartsWith('('))
        {
            // The restriction ends at the first closing bracket of either kind.
            var paren = rest.IndexOf(')', StringComparison.Ordinal);
            var bracket = rest.IndexOf(']', StringComparison.Ordinal);
            var end = bracket < 0 || (paren >= 0 && paren < bracket) ? paren : bracket;
            if (end < 0)
            {
                reason = $"Unbounded range: {text}";
                return false;
            }

            if (!TryParseRestriction(rest[..(end + 1)], out var restriction, out reason)) return false;
            if (upperBound is not null && (restriction.Lower is null || restriction.Lower.CompareTo(upperBound) < 0))
            {
                reason = $"Ranges overlap: {text}";
                return false;
            }

            restrictions.Add(restriction);
            upperBound = restriction.Upper;
            rest = JavaTrim(rest[(end + 1)..]);
            if (rest.StartsWith(',')) rest = JavaTrim(rest[1..]);
        }

        MavenVersion? recommended = null;
        if (rest.Length > 0)
        {
            if (restrictions.Count > 0)
            {
                reason = $"Only fully-qualified sets allowed in multiple set scenario: {text}";
                return false;
            }

            recommended = Bound(rest);
            restrictions.Add(Restriction.Everything);
        }

        range = new MavenVersionRange(text, [.. restrictions], recommended);
        reason = null;
        return true;
    }

    public bool Contains(IVersion version)
    {
        if (version is not MavenVersion v) throw new ArgumentException($"cannot check a {version?.GetType().Name} against a maven range", nameof(version));
        foreach (var r in _restrictions)
        {
            if (r.Contains(v)) return true;
        }

        return false;
    }

    public override string ToString() => Original;

    private static bool TryParseRestriction(string spec, [NotNullWhen(true)] out Restriction? restriction, [NotNullWhen(false)] out string? reason)
    {
        restriction = null;
        var lowerInclusive = spec.StartsWith('[');
        var upperInclusive = spec.EndsWith(']');
        var inner = JavaTrim(spec[1..^1]);
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            if (!lowerInclusive || !upperInclusive)
            {
                reason = $"Single version must be surrounded by []: {spec}";
                return false;
            }

            var exact = Bound(inner);
            reason = null;
            restriction = new Restriction(exact, true, exact, true);
            return true;
        }

        var lowerText = JavaTrim(inner[..comma]);
        var upperText = JavaTrim(inner[(comma + 1)..]);
        var lower = lowerText.Length > 0 ? Bound(lowerText) : null;
        var upper = upperText.Length > 0 ? Bound(upperText) : null;
        if (lower is not null && upper is not null)
        {
            var c = upper.CompareTo(lower);
            if (c < 0 || (c == 0 && (!lowerInclusive || !upperInclusive)))
            {
                reason = $"Range defies version ordering: {spec}";
                return false;
            }
        }

        restriction = new Restriction(lower, lowerInclusive, upper, upperInclusive);
        reason = null;
        return true;
    }

    // Maven reads every string as a version; a bound may even be empty ("[]" is an exact match on "").
    private static MavenVersion Bound(string text) => new(text);

    // Java's String.trim: every char up to U+0020.
    private static string JavaTrim(string s)
    {
        int a = 0, b = s.Length;
        while (a < b && s[a] <= ' ') a++;
        while (b > a && s[b - 1] <= ' ') b--;
        return s[a..b];
    }
}
