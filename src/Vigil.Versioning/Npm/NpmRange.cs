using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Versioning.Ranges;
using Vigil.Versioning.SemVer;

namespace Vigil.Versioning.Npm;

/// <summary>
/// A node-semver 7.8 range (<c>^1.2 || &gt;=2.0.0 &lt;3, 1.x, 1.2.3 - 2</c>), desugared into comparator sets exactly as
/// node-semver's Range does, including the rule that a pre-release only matches a set that names a pre-release of
/// the same major.minor.patch (unless <see cref="NpmRangeOptions.IncludePrerelease"/>).
/// </summary>
public sealed partial class NpmRange : IVersionRange
{
    private readonly Comparator[][] _sets;

    private NpmRange(string original, NpmRangeOptions options, Comparator[][] sets)
    {
        Original = original;
        Options = options;
        _sets = sets;
    }

    public string Original { get; }

    public NpmRangeOptions Options { get; }

    private sealed record Comparator(string Op, SemanticVersion? Version)
    {
        public bool IsAny => Version is null;

        public bool IsNullSet => Op == "<" && Version is { Major: "0", Minor: "0", Patch: "0", Prerelease: [ "0" ] };

        public string Key => Version is null ? "" : Op + Version.Normalized;
    }

    public static bool TryParse(string text, NpmRangeOptions options, [NotNullWhen(true)] out NpmRange? range, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        range = null;
        if (text is null)
        {
            reason = "range is null";
            return false;
        }

        // node-semver collapses every run of blanks to one space first.
        var raw = Blanks().Replace(text.Trim(), " ");
        var sets = new List<Comparator[]>();
        foreach (var part in raw.Split("||"))
        {
            if (!TryParseSet(part.Trim(), options, out var set, out reason)) return false;
            if (set.Length > 0) sets.Add(set);
        }

        if (sets.Count == 0)
        {
            reason = $"invalid semver range '{text}'";
            return false;
        }

        if (sets.Count > 1)
        {
            // Drop null sets; a lone "any" set makes the whole range "any".
            var kept = sets.Where(s => !(s.Length == 1 && s[0].IsNullSet)).ToList();
            if (kept.Count == 0) kept = [sets[0]];
            var any = kept.FirstOrDefault(s => s.Length == 1 && s[0].IsAny);
            sets = any is not null ? [any] : kept;
        }

        range = new NpmRange(text, options, [.. sets]);
        reason = null;
        return true;
    }

    public bool Contains(IVersion version)
    {
        if (version is not SemanticVersion v) throw new ArgumentException($"cannot check a {version?.GetType().Name} against an npm range", nameof(version));
        foreach (var set in _sets)
        {
            if (TestSet(set, v)) return true;
        }

        return false;
    }

    /// <summary>node-semver's <c>satisfies(version, range, options)</c> on text: false when either does not parse.</summary>
    public static bool Satisfies(string version, string range, NpmRangeOptions options)
    {
        if (!SemVerParser.TryParse(version, options.Loose, limitNumbers: true, out var v, out _)) return false;
        return TryParse(range, options, out var r, out _) && r.Contains(v);
    }

    private bool TestSet(Comparator[] set, SemanticVersion v)
    {
        foreach (var c in set)
        {
            if (!Test(c, v)) return false;
        }

        if (v.IsPrerelease && !Options.IncludePrerelease)
        {
            foreach (var c in set)
            {
                if (c.Version is { IsPrerelease: true } allowed && allowed.SameTuple(v)) return true;
            }

            return false;
        }

        return true;
    }

    private static bool Test(Comparator c, SemanticVersion v)
    {
        if (c.Version is null) return true;
        var r = v.CompareTo(c.Version);
        return c.Op switch
        {
            "" => r == 0,
            "<" => r < 0,
            "<=" => r <= 0,
            ">" => r > 0,
            _ => r >= 0,
        };
    }

    private static bool TryParseSet(string range, NpmRangeOptions o, out Comparator[] set, [NotNullWhen(false)] out string? reason)
    {
        set = [];
        range = (o.Loose ? HyphenLoose() : Hyphen()).Replace(range, m => HyphenReplace(m, o.IncludePrerelease));
        range = ComparatorTrim().Replace(range, "$1$2$3");
        range = TildeTrim().Replace(range, "$1~");
        range = CaretTrim().Replace(range, "$1^");

        var comps = new List<string>();
        foreach (var token in range.Split(' '))
        {
            var desugared = ParseComparator(token, o);
            foreach (var c in desugared.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) comps.Add(ReplaceGte0(c, o));
            if (desugared.Trim().Length == 0) comps.Add("");
        }

        if (o.Loose) comps = comps.Where(c => (o.Loose ? ComparatorLoose() : ComparatorStrict()).IsMatch(c)).ToList();

        // Every comparator must parse before a null set short-cuts the set, as in node-semver.
        var parsed = new List<Comparator>(comps.Count);
        foreach (var text in comps)
        {
            if (!TryComparator(text, o, out var c, out reason)) return false;
            parsed.Add(c);
        }

        var map = new Dictionary<string, Comparator>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var c in parsed)
        {
            if (c.IsNullSet)
            {
                set = [c];
                reason = null;
                return true;
            }

            if (map.TryAdd(c.Key, c)) order.Add(c.Key);
        }

        if (map.Count > 1 && map.ContainsKey(""))
        {
            map.Remove("");
            order.Remove("");
        }

        set = [.. order.Select(k => map[k])];
        reason = null;
        return true;
    }

    private static bool TryComparator(string text, NpmRangeOptions o, [NotNullWhen(true)] out Comparator? c, [NotNullWhen(false)] out string? reason)
    {
        c = null;
        var m = (o.Loose ? ComparatorLoose() : ComparatorStrict()).Match(text);
        if (!m.Success)
        {
            reason = $"invalid comparator '{text}'";
            return false;
        }

        var op = m.Groups[1].Value;
        if (op == "=") op = "";
        if (!m.Groups[2].Success || m.Groups[2].Length == 0)
        {
            c = new Comparator("", null);
            reason = null;
            return true;
        }

        if (!SemVerParser.TryParse(m.Groups[2].Value, o.Loose, limitNumbers: true, out var v, out reason))
        {
            reason = $"invalid comparator '{text}': {reason}";
            return false;
        }

        c = new Comparator(op, v);
        return true;
    }

    private static string ParseComparator(string comp, NpmRangeOptions o)
    {
        comp = BuildSuffix().Replace(comp, "", 1);
        comp = string.Join(' ', comp.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(c => (o.Loose ? CaretLoose() : Caret()).Replace(c, m => CaretReplace(m, o))));
        comp = string.Join(' ', comp.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(c => (o.Loose ? TildeLoose() : Tilde()).Replace(c, m => TildeReplace(m, o))));
        comp = string.Join(' ', comp.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(c => (o.Loose ? XRangeLoose() : XRange()).Replace(c.Trim(), m => XRangeReplace(m, o))));
        return Star().Replace(comp.Trim(), "");
    }

    private static string ReplaceGte0(string comp, NpmRangeOptions o) => (o.IncludePrerelease ? Gte0Pre() : Gte0()).Replace(comp.Trim(), "");

    private static bool IsX(Group g) => !g.Success || g.Value.Length == 0 || g.Value is "x" or "X" or "*";

    private static string Inc(string digits) => NumericText.Normalize((System.Numerics.BigInteger.Parse(digits, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));

    private static string TildeReplace(Match m, NpmRangeOptions o)
    {
        Group mj = m.Groups[1], mi = m.Groups[2], p = m.Groups[3], pr = m.Groups[4];
        var z = o.IncludePrerelease ? "-0" : "";
        if (IsX(mj)) return "";
        if (IsX(mi)) return $">={mj.Value}.0.0{z} <{Inc(mj.Value)}.0.0-0";
        if (IsX(p)) return $">={mj.Value}.{mi.Value}.0{z} <{mj.Value}.{Inc(mi.Value)}.0-0";
        if (pr.Success && pr.Length > 0) return $">={mj.Value}.{mi.Value}.{p.Value}-{pr.Value} <{mj.Value}.{Inc(mi.Value)}.0-0";
        return $">={mj.Value}.{mi.Value}.{p.Value} <{mj.Value}.{Inc(mi.Value)}.0-0";
    }

    private static string CaretReplace(Match m, NpmRangeOptions o)
    {
        Group mj = m.Groups[1], mi = m.Groups[2], p = m.Groups[3], pr = m.Groups[4];
        var z = o.IncludePrerelease ? "-0" : "";
        string M = mj.Value, mm = mi.Value, pp = p.Value;
        if (IsX(mj)) return "";
        if (IsX(mi)) return $">={M}.0.0{z} <{Inc(M)}.0.0-0";
        if (IsX(p)) return M == "0" ? $">={M}.{mm}.0{z} <{M}.{Inc(mm)}.0-0" : $">={M}.{mm}.0{z} <{Inc(M)}.0.0-0";
        if (pr.Success && pr.Length > 0)
        {
            if (M == "0") return mm == "0" ? $">={M}.{mm}.{pp}-{pr.Value} <{M}.{mm}.{Inc(pp)}-0" : $">={M}.{mm}.{pp}-{pr.Value} <{M}.{Inc(mm)}.0-0";
            return $">={M}.{mm}.{pp}-{pr.Value} <{Inc(M)}.0.0-0";
        }

        if (M == "0") return mm == "0" ? $">={M}.{mm}.{pp} <{M}.{mm}.{Inc(pp)}-0" : $">={M}.{mm}.{pp} <{M}.{Inc(mm)}.0-0";
        return $">={M}.{mm}.{pp} <{Inc(M)}.0.0-0";
    }

    private static string XRangeReplace(Match m, NpmRangeOptions o)
    {
        var gtlt = m.Groups[1].Value;
        Group mj = m.Groups[2], mi = m.Groups[3], p = m.Groups[4];

        // node-semver 7.8 leaves "X.1" and "1.x.2" alone, so they fail as comparators.
        if ((IsX(mj) && !IsX(mi)) || (IsX(mi) && p.Success && p.Length > 0 && !IsX(p))) return m.Value;
        var xM = IsX(mj);
        var xm = xM || IsX(mi);
        var xp = xm || IsX(p);
        if (gtlt == "=" && xp) gtlt = "";
        var pr = o.IncludePrerelease ? "-0" : "";
        string M = mj.Value, mm = mi.Value, pp;
        if (xM) return gtlt is ">" or "<" ? "<0.0.0-0" : "*";
        if (gtlt.Length > 0 && xp)
        {
            if (xm) mm = "0";
            pp = "0";
            if (gtlt == ">")
            {
                gtlt = ">=";
                if (xm)
                {
                    M = Inc(M);
                    mm = "0";
                }
                else
                {
                    mm = Inc(mm);
                }
            }
            else if (gtlt == "<=")
            {
                gtlt = "<";
                if (xm) M = Inc(M);
                else mm = Inc(mm);
            }

            if (gtlt == "<") pr = "-0";
            return $"{gtlt}{M}.{mm}.{pp}{pr}";
        }

        if (xm) return $">={M}.0.0{pr} <{Inc(M)}.0.0-0";
        if (xp) return $">={M}.{mm}.0{pr} <{M}.{Inc(mm)}.0-0";
        return m.Value;
    }

    private static string HyphenReplace(Match m, bool incPr)
    {
        string from = m.Groups[1].Value, to = m.Groups[7].Value;
        Group fM = m.Groups[2], fm = m.Groups[3], fp = m.Groups[4], fpr = m.Groups[5];
        Group tM = m.Groups[8], tm = m.Groups[9], tp = m.Groups[10], tpr = m.Groups[11];
        var z = incPr ? "-0" : "";
        if (IsX(fM)) from = "";
        else if (IsX(fm)) from = $">={fM.Value}.0.0{z}";
        else if (IsX(fp)) from = $">={fM.Value}.{fm.Value}.0{z}";
        else if (fpr.Success && fpr.Length > 0) from = $">={from}";
        else from = $">={from}{z}";

        if (IsX(tM)) to = "";
        else if (IsX(tm)) to = $"<{Inc(tM.Value)}.0.0-0";
        else if (IsX(tp)) to = $"<{tM.Value}.{Inc(tm.Value)}.0-0";
        else if (tpr.Success && tpr.Length > 0) to = $"<={tM.Value}.{tm.Value}.{tp.Value}-{tpr.Value}";
        else if (incPr) to = $"<{tM.Value}.{tm.Value}.{Inc(tp.Value)}-0";
        else to = $"<={to}";
        return $"{from} {to}".Trim();
    }

    public override string ToString() => Original;

    // re.js, with the numeric identifiers spelled [0-9] (.NET's \d also matches non-ASCII digits).
    private const string XId = "(?:" + SemVerParser.Numeric + "|x|X|\\*)";
    private const string XIdLoose = "(?:" + SemVerParser.NumericLoose + "|x|X|\\*)";
    private const string XPlain = "[v=\\s]*(" + XId + ")(?:\\.(" + XId + ")(?:\\.(" + XId + ")(?:" + SemVerParser.Prerelease + ")?" + SemVerParser.BuildPart + "?)?)?";
    private const string XPlainLoose = "[v=\\s]*(" + XIdLoose + ")(?:\\.(" + XIdLoose + ")(?:\\.(" + XIdLoose + ")(?:" + SemVerParser.PrereleaseLoose + ")?" + SemVerParser.BuildPart + "?)?)?";
    private const string Gtlt = "((?:<|>)?=?)";

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Blanks();

    [GeneratedRegex("^\\s*(" + XPlain + ")\\s+-\\s+(" + XPlain + ")\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Hyphen();

    [GeneratedRegex("^\\s*(" + XPlainLoose + ")\\s+-\\s+(" + XPlainLoose + ")\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenLoose();

    [GeneratedRegex("(\\s*)" + Gtlt + "\\s*(" + SemVerParser.LoosePlain + "|" + XPlain + ")", RegexOptions.CultureInvariant)]
    private static partial Regex ComparatorTrim();

    [GeneratedRegex("(\\s*)(?:~>?)\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex TildeTrim();

    [GeneratedRegex("(\\s*)(?:\\^)\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex CaretTrim();

    [GeneratedRegex("^(?:~>?)" + XPlain + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Tilde();

    [GeneratedRegex("^(?:~>?)" + XPlainLoose + "$", RegexOptions.CultureInvariant)]
    private static partial Regex TildeLoose();

    [GeneratedRegex("^(?:\\^)" + XPlain + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Caret();

    [GeneratedRegex("^(?:\\^)" + XPlainLoose + "$", RegexOptions.CultureInvariant)]
    private static partial Regex CaretLoose();

    [GeneratedRegex("^" + Gtlt + "\\s*" + XPlain + "$", RegexOptions.CultureInvariant)]
    private static partial Regex XRange();

    [GeneratedRegex("^" + Gtlt + "\\s*" + XPlainLoose + "$", RegexOptions.CultureInvariant)]
    private static partial Regex XRangeLoose();

    [GeneratedRegex("(<|>)?=?\\s*\\*", RegexOptions.CultureInvariant)]
    private static partial Regex Star();

    [GeneratedRegex("^\\s*>=\\s*0\\.0\\.0\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Gte0();

    [GeneratedRegex("^\\s*>=\\s*0\\.0\\.0-0\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Gte0Pre();

    [GeneratedRegex("^" + Gtlt + "\\s*(" + SemVerParser.FullPlain + ")$|^$", RegexOptions.CultureInvariant)]
    private static partial Regex ComparatorStrict();

    [GeneratedRegex("^" + Gtlt + "\\s*(" + SemVerParser.LoosePlain + ")$|^$", RegexOptions.CultureInvariant)]
    private static partial Regex ComparatorLoose();

    [GeneratedRegex(SemVerParser.BuildPart, RegexOptions.CultureInvariant)]
    private static partial Regex BuildSuffix();
}
