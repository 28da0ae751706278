namespace Vigil.Versioning.NuGet;

/// <summary>One dot-separated pre-release label, with what VersionComparer needs precomputed so that comparing allocates nothing.</summary>
internal readonly struct NuGetReleaseLabel
{
    private NuGetReleaseLabel(string text, bool isNumber, int number)
    {
        Text = text;
        // Labels are ASCII, so upper-casing once and comparing ordinally is exactly OrdinalIgnoreCase.
        Folded = text.ToUpperInvariant();
        IsNumber = isNumber;
        Number = number;
    }

    public string Text { get; }

    public string Folded { get; }

    /// <summary>What <c>int.TryParse(label)</c> accepts: an optional '-' and digits within Int32; "-1" and "-01" count.</summary>
    public bool IsNumber { get; }

    public int Number { get; }

    public static NuGetReleaseLabel From(string text) =>
        TryReadInt32(text, out var n) ? new NuGetReleaseLabel(text, true, n) : new NuGetReleaseLabel(text, false, 0);

    /// <summary>VersionComparer's CompareRelease: numbers numerically and before words, words case-insensitively.</summary>
    public static int Compare(in NuGetReleaseLabel a, in NuGetReleaseLabel b)
    {
        if (a.IsNumber && b.IsNumber) return a.Number.CompareTo(b.Number);
        if (a.IsNumber != b.IsNumber) return a.IsNumber ? -1 : 1;
        var c = string.CompareOrdinal(a.Folded, b.Folded);
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }

    public int Hash() => IsNumber ? Number : string.GetHashCode(Folded, StringComparison.Ordinal);

    private static bool TryReadInt32(string s, out int value)
    {
        value = 0;
        var negative = s.StartsWith('-');
        var digits = negative ? s.AsSpan(1) : s.AsSpan();
        if (!NumericText.IsDigits(digits)) return false;
        digits = digits.TrimStart('0');
        if (digits.Length > 10) return false;
        long n = 0;
        foreach (var c in digits) n = (n * 10) + (c - '0');
        if (negative) n = -n;
        if (n is < int.MinValue or > int.MaxValue) return false;
        value = (int)n;
        return true;
    }
}
