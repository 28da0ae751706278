using System.Text.RegularExpressions;

namespace Vigil.Reports.Common;

/// <summary>Turns Vigil's human affected range ("&gt;= 1.0, &lt; 1.2") into a <c>vers:</c> range for SBOM formats.</summary>
internal static partial class VersRange
{
    /// <returns>The vers string, or null when the range is not a plain list of comparisons.</returns>
    public static string? From(string packageType, string affectedRange)
    {
        var constraints = new List<string>();
        foreach (var part in affectedRange.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = Comparison().Match(part);
            if (!m.Success) return null;
            var (op, version) = (m.Groups[1].Value, m.Groups[2].Value.Trim());
            // ">= 0" is how matchers say "every version"; vers spells that "*".
            if (op == ">=" && version == "0") continue;
            constraints.Add((op == "=" ? "" : op) + version.Replace("|", "%7C", StringComparison.Ordinal));
        }
        return $"vers:{packageType}/{(constraints.Count == 0 ? "*" : string.Join('|', constraints))}";
    }

    [GeneratedRegex(@"^(<=|>=|!=|<|>|=)\s*(\S.*)$")]
    private static partial Regex Comparison();
}
