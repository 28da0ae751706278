using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Pep440;

/// <summary>
/// A PEP 440 specifier set such as <c>&gt;=1.0,!=1.3.*,&lt;2</c>, evaluated as packaging's <c>SpecifierSet.contains</c>
/// with <c>prereleases=True</c>: an installed pre-release is a real version a scanner must place, not hide.
/// </summary>
public sealed class Pep440SpecifierSet : IVersionRange
{
    private readonly Specifier[] _specifiers;

    private Pep440SpecifierSet(string original, Specifier[] specifiers)
    {
        Original = original;
        _specifiers = specifiers;
    }

    public string Original { get; }

    private sealed record Specifier(string Op, Pep440Version? Version, string Text, string[]? WildcardPrefix);

    public static bool TryParse(string text, [NotNullWhen(true)] out Pep440SpecifierSet? set, [NotNullWhen(false)] out string? reason)
    {
        set = null;
        if (text is null)
        {
            reason = "specifier is null";
            return false;
        }

        var list = new List<Specifier>();
        foreach (var raw in text.Split(','))
        {
            var s = raw.Trim();
            if (s.Length == 0)
            {
                if (text.Trim().Length == 0) break;
                reason = $"empty specifier in '{text}'";
                return false;
            }

            if (!TryParseOne(s, out var spec, out reason)) return false;
            list.Add(spec);
        }

        set = new Pep440SpecifierSet(text, [.. list]);
        reason = null;
        return true;
    }

    private static bool TryParseOne(string s, [NotNullWhen(true)] out Specifier? spec, [NotNullWhen(false)] out string? reason)
    {
        spec = null;
        string op;
        if (s.StartsWith("===", StringComparison.Ordinal)) op = "===";
        else if (s.Length >= 2 && s[..2] is "~=" or "==" or "!=" or "<=" or ">=") op = s[..2];
        else if (s[0] is '<' or '>') op = s[..1];
        else
        {
            reason = $"'{s}' does not start with an operator (~= == != <= >= < > ===)";
            return false;
        }

        var vtext = s[op.Length..].Trim();
        if (vtext.Length == 0 || vtext.AsSpan().IndexOfAny(" \t") >= 0)
        {
            reason = $"'{s}' has no version or a version with blanks";
            return false;
        }

        if (op == "===")
        {
            spec = new Specifier(op, null, vtext, null);
            reason = null;
            return true;
        }

        if (vtext.EndsWith(".*", StringComparison.Ordinal))
        {
            if (op is not ("==" or "!="))
            {
                reason = $"'{s}': a wildcard is only allowed with == and !=";
                return false;
            }

            if (!Pep440VersionScheme.Instance.TryParse(vtext[..^2], out Pep440Version? prefix, out reason) || prefix.Local is not null || prefix.Dev is not null || prefix.Post is not null)
            {
                reason = $"'{s}': the part before .* must be a plain version";
                return false;
            }

            spec = new Specifier(op, prefix, vtext, Split(prefix.Public));
            return true;
        }

        if (!Pep440VersionScheme.Instance.TryParse(vtext, out Pep440Version? v, out reason))
        {
            reason = $"'{s}': {reason}";
            return false;
        }

        if (v.Local is not null && op is not ("==" or "!="))
        {
            reason = $"'{s}': a local version is only allowed with == and !=";
            return false;
        }

        if (op == "~=" && v.Release.Count < 2)
        {
            reason = $"'{s}': ~= needs at least two release numbers";
            return false;
        }

        spec = new Specifier(op, v, vtext, null);
        return true;
    }

    public bool Contains(IVersion version)
    {
        if (version is not Pep440Version v) throw new ArgumentException($"cannot check a {version?.GetType().Name} against a PEP 440 specifier", nameof(version));
        foreach (var s in _specifiers)
        {
            if (!Matches(s, v)) return false;
        }

        return true;
    }

    private static bool Matches(Specifier s, Pep440Version v)
    {
        if (s.Op == "===") return string.Equals(v.Normalized, s.Text, StringComparison.OrdinalIgnoreCase);
        var spec = s.Version!;
        switch (s.Op)
        {
            case "==": return s.WildcardPrefix is not null ? PrefixMatch(s.WildcardPrefix, v) : EqualTo(spec, v);
            case "!=": return s.WildcardPrefix is not null ? !PrefixMatch(s.WildcardPrefix, v) : !EqualTo(spec, v);
            case "<=": return v.ComparePublic(spec) <= 0;
            case ">=": return v.ComparePublic(spec) >= 0;
            case "<":
                // <V excludes pre-releases of V itself unless V is one.
                if (v.ComparePublic(spec) >= 0) return false;
                return spec.IsPrerelease || !v.IsPrerelease || v.CompareBase(spec) != 0;
            case ">":
                // >V excludes post-releases and local versions of V itself unless V is a post-release.
                if (v.ComparePublic(spec) <= 0) return false;
                if (!spec.IsPostrelease && v.IsPostrelease && v.CompareBase(spec) == 0) return false;
                return v.Local is null || v.CompareBase(spec) != 0;
            case "~=":
                if (v.ComparePublic(spec) < 0) return false;
                var release = spec.Release;
                var prefix = new List<string> { spec.Epoch };
                for (var i = 0; i < release.Count - 1; i++) prefix.Add(release[i]);
                return PrefixMatch([.. prefix], v);
            default:
                return false;
        }
    }

    private static bool EqualTo(Pep440Version spec, Pep440Version v) =>
        spec.Local is null ? v.ComparePublic(spec) == 0 : v.CompareTo(spec) == 0;

    // packaging's _version_split + _pad_version: epoch, then release items (a trailing "0rc1" splits in two).
    private static string[] Split(string normalizedPublic)
    {
        var bang = normalizedPublic.IndexOf('!', StringComparison.Ordinal);
        var result = new List<string> { bang >= 0 ? normalizedPublic[..bang] : "0" };
        foreach (var item in normalizedPublic[(bang + 1)..].Split('.'))
        {
            var k = 0;
            while (k < item.Length && char.IsAsciiDigit(item[k])) k++;
            if (k > 0 && k < item.Length && item[k] is 'a' or 'b' or 'c' or 'r' && NumericText.IsDigits(item.AsSpan(k).TrimStart("abcr")))
            {
                result.Add(item[..k]);
                result.Add(item[k..]);
            }
            else
            {
                result.Add(item);
            }
        }

        return [.. result];
    }

    private static bool PrefixMatch(string[] prefix, Pep440Version v)
    {
        // Only the candidate is zero-padded, then cut to the prefix's length.
        var (candidate, _) = Pad(Split(v.Public), prefix);
        if (candidate.Count < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(prefix[i], candidate[i], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    private static (List<string> Left, List<string> Right) Pad(string[] left, string[] right)
    {
        // Index 0 is the epoch; the release numbers follow until the first non-numeric item.
        static int ReleaseEnd(string[] a)
        {
            var i = 1;
            while (i < a.Length && NumericText.IsDigits(a[i])) i++;
            return i;
        }

        int le = ReleaseEnd(left), re = ReleaseEnd(right);
        var n = Math.Max(le, re);
        var l = new List<string>(left[..le]);
        var r = new List<string>(right[..re]);
        while (l.Count < n) l.Add("0");
        while (r.Count < n) r.Add("0");
        l.AddRange(left[le..]);
        r.AddRange(right[re..]);
        return (l, r);
    }

    public override string ToString() => Original;
}
