namespace Vigil.Versioning;

/// <summary>Arbitrary-length non-negative integers kept as their digits, compared without parsing or allocating.</summary>
internal static class NumericText
{
    /// <summary>The digits without leading zeros ("0" for zero), so that equal numbers have equal text.</summary>
    public static string Normalize(ReadOnlySpan<char> digits)
    {
        var t = digits.TrimStart('0');
        return t.IsEmpty ? "0" : t.ToString();
    }

    /// <summary>Compares two normalized digit strings numerically.</summary>
    public static int Compare(string a, string b)
    {
        if (a.Length != b.Length) return a.Length < b.Length ? -1 : 1;
        var c = string.CompareOrdinal(a, b);
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }

    public static bool IsDigits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');
}
