using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Go;

/// <summary>Comparator lists over Go versions; '&gt;=v1.2.0, &lt;v1.3.0' and space-separated '&gt;=v1.2.0 &lt;v1.3.0' both read.</summary>
internal static class GoRange
{
    public static bool TryParse(IVersionScheme scheme, string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        range = null;
        if (text is null)
        {
            reason = "range is null";
            return false;
        }

        // Accept npm-like spacing: split alternatives, then turn blank-separated comparators into a comma list.
        var alternatives = text.Split("||").Select(alt =>
        {
            var tokens = alt.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var merged = new List<string>();
            foreach (var t in tokens)
            {
                if (merged.Count > 0 && merged[^1] is "<" or "<=" or ">" or ">=" or "=" or "==" or "!=") merged[^1] += t;
                else merged.Add(t);
            }

            return string.Join(", ", merged);
        });
        var ok = ComparatorRange.TryParse(scheme, string.Join(" || ", alternatives), out var c, out reason);
        range = c;
        return ok;
    }
}
