using System.Globalization;
using System.Text;
using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>How many findings of each severity a result has, and the fixable count.</summary>
public sealed record SeverityCounts(int Critical, int High, int Medium, int Low, int Negligible, int Unknown, int Fixable)
{
    public int Total => Critical + High + Medium + Low + Negligible + Unknown;

    public static SeverityCounts Of(IReadOnlyCollection<Finding> findings) => new(
        findings.Count(f => f.Severity == Severity.Critical),
        findings.Count(f => f.Severity == Severity.High),
        findings.Count(f => f.Severity == Severity.Medium),
        findings.Count(f => f.Severity == Severity.Low),
        findings.Count(f => f.Severity == Severity.Negligible),
        findings.Count(f => f.Severity == Severity.Unknown),
        findings.Count(f => f.IsFixable));

    public int this[Severity severity] => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        Severity.Negligible => Negligible,
        _ => Unknown,
    };

    /// <summary>
    /// The <c>docker scout</c> shorthand, <c>1C 3H 6M 63L</c>. Negligible counts as low there (Scout has no such level);
    /// unknown is appended as <c>?U</c> only when present, so the common case reads exactly like Scout.
    /// </summary>
    public string Shorthand()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Critical}C {High}H {Medium}M {Low + Negligible}L");
        if (Unknown > 0) sb.Append(CultureInfo.InvariantCulture, $" {Unknown}U");
        return sb.ToString();
    }
}
