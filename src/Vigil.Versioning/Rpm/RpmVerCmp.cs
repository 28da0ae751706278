namespace Vigil.Versioning.Rpm;

/// <summary>
/// rpm's <c>rpmvercmp</c> (rpm 4.18): alphabetic and numeric segments, anything else separates;
/// '~' sorts before everything, '^' after the end of the shorter string but before any other segment.
/// </summary>
public static class RpmVerCmp
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b)) return 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && IsSeparator(a[i])) i++;
            while (j < b.Length && IsSeparator(b[j])) j++;

            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~') return 1;
                if (cb != '~') return -1;
                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (i >= a.Length) return -1;
                if (j >= b.Length) return 1;
                if (ca != '^') return 1;
                if (cb != '^') return -1;
                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length) break;

            int si = i, sj = j;
            var isNum = char.IsAsciiDigit(a[i]);
            if (isNum)
            {
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
            }
            else
            {
                while (i < a.Length && char.IsAsciiLetter(a[i])) i++;
                while (j < b.Length && char.IsAsciiLetter(b[j])) j++;
            }

            // A numeric segment is newer than an alphabetic one.
            if (sj == j) return isNum ? 1 : -1;

            var sa = a[si..i];
            var sb = b[sj..j];
            if (isNum)
            {
                sa = sa.TrimStart('0');
                sb = sb.TrimStart('0');
                if (sa.Length != sb.Length) return sa.Length > sb.Length ? 1 : -1;
            }

            var c = sa.SequenceCompareTo(sb);
            if (c != 0) return c < 0 ? -1 : 1;
        }

        var aLeft = i < a.Length;
        var bLeft = j < b.Length;
        if (!aLeft && !bLeft) return 0;
        return aLeft ? 1 : -1;
    }

    /// <summary>Hashes the segment sequence, so strings <see cref="Compare"/> calls equal hash alike.</summary>
    public static void AddCanonical(ref HashCode hash, ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (IsSeparator(c))
            {
                i++;
                continue;
            }

            if (c is '~' or '^')
            {
                hash.Add(c);
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                var digits = s[start..i].TrimStart('0');
                hash.Add('#');
                foreach (var d in digits) hash.Add(d);
            }
            else
            {
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                hash.Add('@');
                foreach (var d in s[start..i]) hash.Add(d);
            }
        }
    }

    private static bool IsSeparator(char c) => !char.IsAsciiLetterOrDigit(c) && c is not ('~' or '^');
}
