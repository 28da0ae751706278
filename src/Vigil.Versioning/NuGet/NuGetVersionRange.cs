using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.NuGet;

/// <summary>
/// A NuGet version range as <c>VersionRange.Parse</c> reads it: <c>1.0</c> (at least 1.0), <c>[1.0]</c>,
/// <c>[1.0,2.0)</c>, <c>(,2.0]</c>, and a floating lower bound (<c>1.*</c>, <c>[1.0.*-*, 2.0)</c>).
/// <see cref="Contains"/> answers as <c>VersionRange.Satisfies</c>.
/// </summary>
public sealed class NuGetVersionRange : IVersionRange
{
    private NuGetVersionRange(string original, NuGetVersion? min, bool minInclusive, NuGetVersion? max, bool maxInclusive)
    {
        Original = original;
        MinVersion = min;
        IsMinInclusive = min is not null && minInclusive;
        MaxVersion = max;
        IsMaxInclusive = max is not null && maxInclusive;
    }

    public string Original { get; }

    /// <summary>The lower bound; for a floating range, the lowest version it floats over.</summary>
    public NuGetVersion? MinVersion { get; }

    public bool IsMinInclusive { get; }

    public NuGetVersion? MaxVersion { get; }

    public bool IsMaxInclusive { get; }

    public bool Contains(IVersion version)
    {
        if (version is not NuGetVersion v) throw new ArgumentException($"cannot check a {version?.GetType().Name} against a NuGet range", nameof(version));
        if (MinVersion is not null && (IsMinInclusive ? MinVersion.CompareTo(v) > 0 : MinVersion.CompareTo(v) >= 0)) return false;
        if (MaxVersion is not null && (IsMaxInclusive ? MaxVersion.CompareTo(v) < 0 : MaxVersion.CompareTo(v) <= 0)) return false;
        return true;
    }

    public override string ToString() => Original;

    public static bool TryParse(string text, [NotNullWhen(true)] out NuGetVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        range = null;
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            reason = "range is empty";
            return false;
        }

        string minText;
        string? maxText = null;
        bool minInclusive = true, maxInclusive = false;
        if (t[0] is '[' or '(')
        {
            minInclusive = t[0] == '[';
            if (t.Length < 2 || t[^1] is not (']' or ')'))
            {
                reason = $"'{t}' opens with '{t[0]}' but does not close with ']' or ')'";
                return false;
            }

            maxInclusive = t[^1] == ']';
            var parts = t[1..^1].Split(',');
            if (parts.Length > 2)
            {
                reason = $"'{t}' has more than two versions";
                return false;
            }

            // NuGet tests emptiness, not blankness, here: "( , )" is an unbounded range, "(,)" is an error.
            if (parts.All(p => p.Length == 0))
            {
                reason = $"'{t}' has neither a lower nor an upper bound";
                return false;
            }

            if (parts.Length == 1 && !(minInclusive && maxInclusive))
            {
                reason = $"'{t}': a single version in brackets must be written [x] (exactly x)";
                return false;
            }

            minText = parts[0];
            maxText = parts.Length == 2 ? parts[1] : parts[0];
        }
        else
        {
            minText = t;
        }

        NuGetVersion? min = null, max = null;
        if (!string.IsNullOrWhiteSpace(minText))
        {
            if (minText.Contains('*', StringComparison.Ordinal))
            {
                if (!NuGetFloatingVersion.TryParseMinimum(minText, out min, out reason)) return false;
            }
            else if (!TryParseBound(minText, out min, out reason))
            {
                return false;
            }
        }

        if (!string.IsNullOrWhiteSpace(maxText))
        {
            if (maxText.Contains('*', StringComparison.Ordinal))
            {
                reason = $"'{t}': the upper bound '{maxText.Trim()}' cannot float";
                return false;
            }

            if (!TryParseBound(maxText, out max, out reason)) return false;
        }

        if (min is not null && max is not null)
        {
            var c = min.CompareTo(max);
            if (c > 0 || (c == 0 && minInclusive != maxInclusive))
            {
                reason = c > 0
                    ? $"'{t}': the lower bound is above the upper bound"
                    : $"'{t}' both includes and excludes {min.Original.Trim()}";
                return false;
            }
        }

        range = new NuGetVersionRange(text!, min, minInclusive, max, maxInclusive);
        reason = null;
        return true;
    }

    private static bool TryParseBound(string text, [NotNullWhen(true)] out NuGetVersion? version, [NotNullWhen(false)] out string? reason)
    {
        if (NuGetVersionParser.TryParse(text, out version, out var why))
        {
            reason = null;
            return true;
        }

        reason = $"'{text.Trim()}' is not a valid NuGet version: {why}";
        return false;
    }
}
