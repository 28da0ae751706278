using System.Text.RegularExpressions;

namespace Vigil.Reports.Spdx;

/// <summary>Declared licenses as an SPDX license expression, or NOASSERTION when they cannot be one.</summary>
internal static partial class SpdxLicenses
{
    public const string NoAssertion = "NOASSERTION";

    /// <summary>
    /// Several declared licenses usually mean different files under different terms, so they are joined with AND
    /// (as Debian copyright files read). A value that is not an SPDX id or expression is not guessed at: the whole
    /// declaration becomes NOASSERTION rather than an invalid expression.
    /// </summary>
    public static string Declared(IReadOnlyList<string> licenses)
    {
        var distinct = licenses.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0 || !distinct.All(l => Expression().IsMatch(l))) return NoAssertion;
        if (distinct.Count == 1) return distinct[0];
        return string.Join(" AND ", distinct.Select(l => l.Contains(' ', StringComparison.Ordinal) ? $"({l})" : l));
    }

    // Ids (letters, digits, '.', '-', '+') joined by AND/OR/WITH, optionally parenthesised.
    [GeneratedRegex(@"^\(?[A-Za-z0-9.+-]+(\s+(AND|OR|WITH)\s+\(?[A-Za-z0-9.+-]+\)?)*\)?$")]
    private static partial Regex Expression();
}
