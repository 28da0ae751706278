using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>The lower-case words Vigil's formats use for enums, and strict parsing back (no synonyms: this is our own format).</summary>
public static class EnumText
{
    public static string ToText(this Outcome outcome) => outcome switch
    {
        Outcome.Pass => "pass",
        Outcome.PolicyFailed => "policy-failed",
        Outcome.Incomplete => "incomplete",
        _ => "error",
    };

    public static bool TryParseOutcome(string? text, out Outcome outcome)
    {
        (outcome, var ok) = text switch
        {
            "pass" => (Outcome.Pass, true),
            "policy-failed" => (Outcome.PolicyFailed, true),
            "incomplete" => (Outcome.Incomplete, true),
            "error" => (Outcome.Error, true),
            _ => (Outcome.Error, false),
        };
        return ok;
    }

    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        (severity, var ok) = text switch
        {
            "critical" => (Severity.Critical, true),
            "high" => (Severity.High, true),
            "medium" => (Severity.Medium, true),
            "low" => (Severity.Low, true),
            "negligible" => (Severity.Negligible, true),
            "unknown" => (Severity.Unknown, true),
            _ => (Severity.Unknown, false),
        };
        return ok;
    }

    public static bool TryParseStatus(string? text, out FindingStatus status)
    {
        (status, var ok) = text switch
        {
            "fixed" => (FindingStatus.Fixed, true),
            "not-fixed" => (FindingStatus.NotFixed, true),
            "wont-fix" => (FindingStatus.WontFix, true),
            "indeterminate" => (FindingStatus.Indeterminate, true),
            _ => (FindingStatus.Indeterminate, false),
        };
        return ok;
    }

    /// <summary>Capitalised severity for human-facing text.</summary>
    public static string Title(this Severity severity) => severity switch
    {
        Severity.Critical => "Critical",
        Severity.High => "High",
        Severity.Medium => "Medium",
        Severity.Low => "Low",
        Severity.Negligible => "Negligible",
        _ => "Unknown",
    };
}
