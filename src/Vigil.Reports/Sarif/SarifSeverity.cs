using System.Globalization;
using Vigil.Core.Model;

namespace Vigil.Reports.Sarif;

/// <summary>
/// GitHub code scanning buckets rules by <c>security-severity</c> (a 0.0–10.0 score as a string):
/// ≥ 9.0 critical, ≥ 7.0 high, ≥ 4.0 medium, else low.
/// </summary>
internal static class SarifSeverity
{
    /// <summary>
    /// The CVSS score when its own rating agrees with Vigil's severity; otherwise a score in the middle of Vigil's
    /// bucket. A vendor that rates a CVE low for its package (a backport, a disabled feature) outranks NVD's 9.1,
    /// and GitHub must show what the gate used.
    /// </summary>
    public static string Score(Severity severity, double? cvss)
    {
        var score = cvss is { } s && s > 0 && SeverityText.FromCvss(s) == severity ? s : Typical(severity);
        return score.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static double Typical(Severity severity) => severity switch
    {
        Severity.Critical => 9.5,
        Severity.High => 8.0,
        Severity.Medium => 5.5,
        Severity.Low => 2.0,
        // Negligible and unknown both land in GitHub's lowest bucket; 0.0 would read as "no severity".
        _ => 0.1,
    };

    /// <summary>Result level: errors fail GitHub's default check for critical and high.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };
}
