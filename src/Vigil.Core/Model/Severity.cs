namespace Vigil.Core.Model;

/// <summary>Severity, ordered so that a larger value is worse.</summary>
public enum Severity
{
    Unknown = 0,
    Negligible = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}

public static class SeverityText
{
    public static string ToText(this Severity s) => s switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        Severity.Negligible => "negligible",
        _ => "unknown",
    };

    /// <summary>Reads the words feeds and users use: vendor urgencies (Debian "unimportant"), CVSS v2 words ("moderate", "important").</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "critical" or "c" => Severity.Critical,
            "high" or "important" or "h" => Severity.High,
            "medium" or "moderate" or "m" => Severity.Medium,
            "low" or "l" or "minor" => Severity.Low,
            "negligible" or "unimportant" or "n" or "none" => Severity.Negligible,
            "unknown" or "u" or "not yet assigned" => Severity.Unknown,
            _ => (Severity)(-1),
        };
        if ((int)severity >= 0) return true;
        severity = Severity.Unknown;
        return false;
    }

    /// <summary>CVSS v3 qualitative rating of a base score.</summary>
    public static Severity FromCvss(double score) => score switch
    {
        >= 9.0 => Severity.Critical,
        >= 7.0 => Severity.High,
        >= 4.0 => Severity.Medium,
        > 0.0 => Severity.Low,
        _ => Severity.Negligible,
    };
}
