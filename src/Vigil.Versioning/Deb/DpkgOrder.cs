namespace Vigil.Versioning.Deb;

/// <summary>dpkg's <c>verrevcmp</c>: alternating non-digit and digit runs; '~' sorts before everything, even the end.</summary>
internal static class DpkgOrder
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !IsDigit(a[i])) || (j < b.Length && !IsDigit(b[j])))
            {
                var ac = i < a.Length ? Weight(a[i]) : 0;
                var bc = j < b.Length ? Weight(b[j]) : 0;
                if (ac != bc) return ac < bc ? -1 : 1;
                i++;
                j++;
            }

            while (i < a.Length && a[i] == '0') i++;
            while (j < b.Length && b[j] == '0') j++;

            // Equal-length digit runs compare by their first differing digit; a longer run is larger.
            var firstDiff = 0;
            while (i < a.Length && IsDigit(a[i]) && j < b.Length && IsDigit(b[j]))
            {
                if (firstDiff == 0) firstDiff = a[i] - b[j];
                i++;
                j++;
            }

            if (i < a.Length && IsDigit(a[i])) return 1;
            if (j < b.Length && IsDigit(b[j])) return -1;
            if (firstDiff != 0) return firstDiff < 0 ? -1 : 1;
        }

        return 0;
    }

    /// <summary>
    /// Feeds the hash with a form that is equal exactly when <see cref="Compare"/> says equal:
    /// leading zeros dropped, a missing digit run counts as 0, and trailing empty/zero runs vanish.
    /// </summary>
    public static void AddCanonical(ref HashCode hash, ReadOnlySpan<char> s)
    {
        var i = 0;
        var pendingEmpty = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && !IsDigit(s[i])) i++;
            var text = s[start..i];
            while (i < s.Length && s[i] == '0') i++;
            start = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            var digits = s[start..i];
            if (text.IsEmpty && digits.IsEmpty)
            {
                // A run of zeros only: equal to nothing if nothing follows, so defer it.
                pendingEmpty++;
                continue;
            }

            for (; pendingEmpty > 0; pendingEmpty--) hash.Add(0);
            hash.Add(text.Length);
            foreach (var c in text) hash.Add(c);
            hash.Add(digits.Length);
            foreach (var c in digits) hash.Add(c);
        }
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsAlpha(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    private static int Weight(char c) => c == '~' ? -1 : IsDigit(c) ? 0 : IsAlpha(c) ? c : c + 256;
}
