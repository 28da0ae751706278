using System.Globalization;

namespace Vigil.Ecosystems.Feeds;

/// <summary>
/// CVSS v3.x and v2 base scores from a vector (FIRST's formulas), for feeds that give only the vector (OSV).
/// v4 is not computed: its scores come from a lookup table of 270 macro-vectors, and a feed stating v4 states the score.
/// </summary>
public static class CvssScoring
{
    /// <summary>The version ("3.1", "3.0", "2.0") and base score of a vector; false for v4 or a malformed vector.</summary>
    public static bool TryScore(string vector, out string version, out double score)
    {
        version = "";
        score = 0;
        var parts = vector.Trim().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var kv = part.Split(':');
            if (kv.Length != 2) return false;
            metrics[kv[0]] = kv[1];
        }
        if (metrics.TryGetValue("CVSS", out var v))
        {
            if (v is not ("3.0" or "3.1")) return false;
            version = v;
            return TryV3(metrics, out score);
        }
        version = "2.0";
        return TryV2(metrics, out score);
    }

    private static bool TryV3(Dictionary<string, string> m, out double score)
    {
        score = 0;
        if (!m.TryGetValue("S", out var s) || s is not ("U" or "C")) return false;
        var changed = s == "C";
        double? av = Get(m, "AV") switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = Get(m, "AC") switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = Get(m, "PR") switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, "H" => changed ? 0.5 : 0.27, _ => null };
        double? ui = Get(m, "UI") switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? c = Cia3(Get(m, "C")), i = Cia3(Get(m, "I")), a = Cia3(Get(m, "A"));
        if (av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null) return false;
        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        score = impact <= 0 ? 0 : RoundUp(Math.Min((changed ? 1.08 : 1.0) * (impact + exploitability), 10));
        return true;
    }

    private static double? Cia3(string? x) => x switch { "H" => 0.56, "L" => 0.22, "N" => 0, _ => null };

    private static bool TryV2(Dictionary<string, string> m, out double score)
    {
        score = 0;
        double? av = Get(m, "AV") switch { "L" => 0.395, "A" => 0.646, "N" => 1.0, _ => null };
        double? ac = Get(m, "AC") switch { "H" => 0.35, "M" => 0.61, "L" => 0.71, _ => null };
        double? au = Get(m, "Au") switch { "M" => 0.45, "S" => 0.56, "N" => 0.704, _ => null };
        double? c = Cia2(Get(m, "C")), i = Cia2(Get(m, "I")), a = Cia2(Get(m, "A"));
        if (av is null || ac is null || au is null || c is null || i is null || a is null) return false;
        var impact = 10.41 * (1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value)));
        var exploitability = 20 * av.Value * ac.Value * au.Value;
        var f = impact == 0 ? 0 : 1.176;
        score = Math.Round(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f, 1, MidpointRounding.AwayFromZero);
        return true;
    }

    private static double? Cia2(string? x) => x switch { "N" => 0, "P" => 0.275, "C" => 0.660, _ => null };

    private static string? Get(Dictionary<string, string> m, string key) => m.TryGetValue(key, out var v) ? v : null;

    /// <summary>CVSS v3.1's Roundup: the smallest one-decimal number not below the input, robust to float error.</summary>
    private static double RoundUp(double value)
    {
        var scaled = (long)Math.Round(value * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }

    public static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
