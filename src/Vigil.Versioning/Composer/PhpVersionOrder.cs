using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Composer;

/// <summary>
/// PHP's <c>version_compare</c> (ext/standard/versioning.c): the text is split at <c>. - _ +</c> and between digits
/// and letters; parts compare as numbers, as special-form weights, or a number against a word as '#' against it.
/// </summary>
internal static class PhpVersionOrder
{
    /// <summary>
    /// Splits <paramref name="text"/> into parts. Refuses what PHP would silently turn into separators (any character
    /// outside <c>[A-Za-z0-9._+-]</c>) and empty parts, which PHP orders inconsistently ("1.0." &lt; "1.0").
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<char> text, out VersionPart[] parts, [NotNullWhen(false)] out string? reason)
    {
        parts = [];
        var list = new List<VersionPart>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (IsSeparator(c))
            {
                if (i == 0 || i == text.Length - 1 || IsSeparator(text[i - 1]))
                {
                    reason = "empty part: a separator (. - _ +) at the start or end, or two in a row";
                    return false;
                }

                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                list.Add(VersionPart.Number(text[start..i]));
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
                list.Add(VersionPart.Word(text[start..i]));
            }
            else
            {
                reason = c == '#'
                    ? "'#' is not part of a version (PHP's version_compare uses it internally for 'a number' and orders it inconsistently)"
                    : $"character '{c}' is not allowed in a Composer version (letters, digits and . - _ + only)";
                return false;
            }
        }

        parts = [.. list];
        reason = null;
        return true;
    }

    /// <summary>Compares as <c>version_compare</c> does, except that numbers of any length compare exactly.</summary>
    public static int Compare(VersionPart[] a, VersionPart[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            var c = x.IsNumber && y.IsNumber ? NumericText.Compare(x.Digits!, y.Digits!) : x.Rank.CompareTo(y.Rank);
            if (c != 0) return c < 0 ? -1 : 1;
        }

        if (a.Length == b.Length) return 0;
        return a.Length > b.Length ? Beyond(a[n]) : -Beyond(b[n]);
    }

    // What the longer version has past the other's end: a number makes it greater; a word is weighed against '#'
    // (only pl/p weigh more). No word weighs exactly '#' because '#' is refused.
    private static int Beyond(VersionPart p) => p.IsNumber || p.Rank > VersionPart.NumberRank ? 1 : -1;

    private static bool IsSeparator(char c) => c is '.' or '-' or '_' or '+';
}
