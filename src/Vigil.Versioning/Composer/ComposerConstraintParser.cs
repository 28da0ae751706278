using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using static Vigil.Versioning.Composer.ComposerNormalizer;

namespace Vigil.Versioning.Composer;

/// <summary>
/// composer/semver 3.3 <c>VersionParser::parseConstraints</c> and <c>parseConstraint</c>, ported branch by branch
/// (tilde, caret, x-range, hyphen, comparators, <c>@stability</c> flags, aliases, <c>#ref</c>s), so that every
/// constraint becomes the same bounds composer/semver builds.
/// </summary>
internal static partial class ComposerConstraintParser
{
    /// <summary>Alternatives (any may hold) of bounds that must all hold.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ComposerBound[][]? alternatives, [NotNullWhen(false)] out string? reason)
    {
        alternatives = null;
        var groups = new List<ComposerBound[]>();
        foreach (var or in OrSplit().Split(PhpTrim(text)))
        {
            var bounds = new List<ComposerBound>();
            foreach (var and in AndSplit().Split(or))
            {
                if (!TryParseOne(and, bounds, out reason)) return false;
            }

            groups.Add([.. bounds]);
        }

        alternatives = [.. MergeContiguous(groups)];
        reason = null;
        return true;
    }

    /// <summary>
    /// MultiConstraint::create's optimisation: <c>[&gt;= a &lt; b] || [&gt;= b &lt; c]</c> becomes <c>[&gt;= a &lt; c]</c>. It takes the
    /// right group's upper bound even when that lies below b (as in <c>^3.5 || 4 - 3.5</c>), so it changes answers
    /// then; it is ported to answer as Semver::satisfies does.
    /// </summary>
    private static List<ComposerBound[]> MergeContiguous(List<ComposerBound[]> groups)
    {
        if (groups.Count < 2) return groups;
        var merged = new List<ComposerBound[]>();
        var left = groups[0];
        var optimized = false;
        for (var i = 1; i < groups.Count; i++)
        {
            var right = groups[i];
            if (left.Length == 2 && right.Length == 2
                && left[0].Op == ComposerBound.BoundOp.Ge && left[1].Op == ComposerBound.BoundOp.Lt
                && right[0].Op == ComposerBound.BoundOp.Ge && right[1].Op is ComposerBound.BoundOp.Lt or ComposerBound.BoundOp.Le
                && string.Equals(left[1].Version, right[0].Version, StringComparison.Ordinal))
            {
                optimized = true;
                left = [left[0], right[1]];
            }
            else
            {
                merged.Add(left);
                left = right;
            }
        }

        if (!optimized) return groups;
        merged.Add(left);
        return merged;
    }

    private static bool TryParseOne(string constraint, List<ComposerBound> bounds, [NotNullWhen(false)] out string? reason)
    {
        var whole = constraint;
        var m = Alias().Match(constraint);
        if (m.Success) constraint = m.Groups[1].Value;

        string? stabilityModifier = null;
        m = StabilityFlag().Match(constraint);
        if (m.Success)
        {
            constraint = m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : "*";
            // Case-sensitive in composer/semver: "@STABLE" is kept as a modifier.
            if (m.Groups[2].Value != "stable") stabilityModifier = m.Groups[2].Value;
        }

        m = Reference().Match(constraint);
        if (m.Success) constraint = m.Groups[1].Value;

        m = Wildcard().Match(constraint);
        if (m.Success)
        {
            if (m.Groups[1].Value.Length > 0 || m.Groups[2].Value.Length > 0) return Add(bounds, ">=", "0.0.0.0-dev", out reason);
            bounds.Add(ComposerBound.MatchAll);
            reason = null;
            return true;
        }

        m = Tilde().Match(constraint);
        if (m.Success)
        {
            if (constraint.StartsWith("~>", StringComparison.Ordinal))
            {
                reason = $"Could not parse version constraint {constraint}: Invalid operator \"~>\", you probably meant to use the \"~\" operator";
                return false;
            }

            var position = Set(m, 4) ? 4 : Set(m, 3) ? 3 : Set(m, 2) ? 2 : 1;
            // 2.x-dev and 3.0.x-dev shift the number that the x stands in for.
            if (Set(m, 8)) position++;
            var suffix = !Set(m, 5) && !Set(m, 7) && !Set(m, 8) ? "-dev" : "";
            if (!TryNormalize((constraint + suffix)[1..], out var low, out reason)) return false;
            return Add(bounds, ">=", low, out reason)
                && TryManipulate(Numbers(m, 1), Math.Max(1, position - 1), 1, out var high, out reason)
                && Add(bounds, "<", high + "-dev", out reason);
        }

        m = Caret().Match(constraint);
        if (m.Success)
        {
            // String comparisons, as in composer/semver: "^00.1" counts its major as non-zero.
            var position = m.Groups[1].Value != "0" || !Set(m, 2) ? 1 : m.Groups[2].Value != "0" || !Set(m, 3) ? 2 : 3;
            var suffix = !Set(m, 5) && !Set(m, 7) && !Set(m, 8) ? "-dev" : "";
            if (!TryNormalize((constraint + suffix)[1..], out var low, out reason)) return false;
            return Add(bounds, ">=", low, out reason)
                && TryManipulate(Numbers(m, 1), position, 1, out var high, out reason)
                && Add(bounds, "<", high + "-dev", out reason);
        }

        m = XRange().Match(constraint);
        if (m.Success)
        {
            var position = Set(m, 3) ? 3 : Set(m, 2) ? 2 : 1;
            var numbers = Numbers(m, 1);
            if (!TryManipulate(numbers, position, 0, out var low, out reason)) return false;
            if (!TryManipulate(numbers, position, 1, out var high, out reason)) return false;
            if (low == "0.0.0.0") return Add(bounds, "<", high + "-dev", out reason);
            return Add(bounds, ">=", low + "-dev", out reason) && Add(bounds, "<", high + "-dev", out reason);
        }

        m = Hyphen().Match(constraint);
        if (m.Success)
        {
            var lowSuffix = !Set(m, 6) && !Set(m, 8) && !Set(m, 9) ? "-dev" : "";
            if (!TryNormalize(m.Groups[1].Value, out var low, out reason) || !Add(bounds, ">=", low + lowSuffix, out reason)) return false;
            if (!TryNormalize(m.Groups[10].Value, out var to, out reason)) return false;
            // A complete upper version (or one with a stability) is inclusive; a partial one covers all it starts.
            if ((Set(m, 12) && Set(m, 13)) || Set(m, 15) || Set(m, 17) || Set(m, 18)) return Add(bounds, "<=", to, out reason);
            return TryManipulate(Numbers(m, 11), Set(m, 12) ? 2 : 1, 1, out var high, out reason)
                && Add(bounds, "<", high + "-dev", out reason);
        }

        m = Comparator().Match(constraint);
        var operand = m.Groups[2].Value;
        if (!TryNormalize(operand, out var version, out var error))
        {
            // composer/semver reads foobar-dev as the branch dev-foobar, but only without an operator it knows.
            if (!operand.EndsWith("-dev", StringComparison.Ordinal) || !BranchChars().IsMatch(operand))
            {
                reason = $"Could not parse version constraint {whole}: {error}";
                return false;
            }

            TryNormalize("dev-" + operand[..^4], out version, out _);
            version ??= "dev-" + operand[..^4];
        }

        var op = m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : "=";
        if (op is not ("==" or "=") && stabilityModifier is not null && ParseStability(version) == "stable")
        {
            version += "-" + stabilityModifier;
        }
        else if (op is "<" or ">=" && !DashModifierAtEnd().IsMatch(operand.ToLowerInvariant()) && !operand.StartsWith("dev-", StringComparison.Ordinal))
        {
            // "< 2.0" must exclude 2.0's pre-releases and ">= 2.0" must include them.
            version += "-dev";
        }

        return Add(bounds, op, version, out reason);
    }

    private static bool Add(List<ComposerBound> bounds, string op, string version, [NotNullWhen(false)] out string? reason)
    {
        if (!ComposerBound.TryCreate(op, version, out var bound, out reason)) return false;
        bounds.Add(bound);
        return true;
    }

    private static bool Set(Match m, int group) => m.Groups[group].Value.Length > 0;

    private static string[] Numbers(Match m, int first) =>
        ["", m.Groups[first].Value, m.Groups[first + 1].Value, m.Groups[first + 2].Value, m.Groups[first + 3].Value];

    /// <summary>
    /// VersionParser::manipulateVersionString with pad "0": numbers after <paramref name="position"/> become 0, the
    /// one at it grows by <paramref name="increment"/>. PHP adds as integers (leading zeros go); Vigil adds exactly
    /// where PHP would overflow into a float.
    /// </summary>
    private static bool TryManipulate(string[] numbers, int position, int increment, [NotNullWhen(true)] out string? version, [NotNullWhen(false)] out string? reason)
    {
        var n = (string[])numbers.Clone();
        for (var i = 4; i > 0; i--)
        {
            if (i > position)
            {
                n[i] = "0";
            }
            else if (i == position && increment != 0)
            {
                if (n[i].Length == 0)
                {
                    // PHP 8 throws a TypeError adding to an empty string.
                    version = null;
                    reason = "Unsupported operand types: string + int";
                    return false;
                }

                n[i] = Increment(NumericText.Normalize(n[i]));
            }
        }

        version = $"{n[1]}.{n[2]}.{n[3]}.{n[4]}";
        reason = null;
        return true;
    }

    private static string Increment(string digits)
    {
        var chars = digits.ToCharArray();
        var i = chars.Length - 1;
        while (i >= 0 && chars[i] == '9') chars[i--] = '0';
        return i < 0 ? "1" + new string(chars) : Set(chars, i);

        static string Set(char[] c, int at)
        {
            c[at]++;
            return new string(c);
        }
    }

    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private const string VersionPattern =
        "v?((?>[0-9]+))(?:\\.((?>[0-9]+)))?(?:\\.((?>[0-9]+)))?(?:\\.((?>[0-9]+)))?(?:" + Modifier + "|\\.([xX*][.-]?dev))(?:\\+[^" + Ws + "]+)?";

    [GeneratedRegex("[" + Ws + "]*\\|\\|?[" + Ws + "]*", RegexOptions.CultureInvariant)]
    private static partial Regex OrSplit();

    // A comma or blank joins AND-ed constraints, except around operators, hyphen ranges and "as" aliases.
    [GeneratedRegex("(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AndSplit();

    [GeneratedRegex("^([^," + Ws + "]*?)@(" + Stabilities + ")$", I)]
    private static partial Regex StabilityFlag();

    [GeneratedRegex("^(dev-[^," + Ws + "@]+?|[^," + Ws + "@]+?\\.x-dev)#.+$", I)]
    private static partial Regex Reference();

    [GeneratedRegex("^(v)?[xX*](\\.[xX*])*$", I)]
    private static partial Regex Wildcard();

    [GeneratedRegex("^~>?" + VersionPattern + "$", I)]
    private static partial Regex Tilde();

    [GeneratedRegex("^\\^" + VersionPattern + "($)", I)]
    private static partial Regex Caret();

    [GeneratedRegex("^v?((?>[0-9]+))(?:\\.((?>[0-9]+)))?(?:\\.((?>[0-9]+)))?(?>(?:\\.[xX*])+)$", RegexOptions.CultureInvariant)]
    private static partial Regex XRange();

    [GeneratedRegex("^(" + VersionPattern + ") +- +(" + VersionPattern + ")($)", I)]
    private static partial Regex Hyphen();

    [GeneratedRegex("^(<>|!=|>=?|<=?|==?)?[" + Ws + "]*(.*)", RegexOptions.CultureInvariant)]
    private static partial Regex Comparator();

    [GeneratedRegex("-" + Modifier + "$", RegexOptions.CultureInvariant)]
    private static partial Regex DashModifierAtEnd();

    [GeneratedRegex("^[0-9a-zA-Z./-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BranchChars();
}
