namespace Vigil.Core.Model;

/// <summary>Whether a finding can be acted on; the JSON names are Grype's fix states.</summary>
public enum FindingStatus
{
    /// <summary>Affected, and a fixed version exists.</summary>
    Fixed,
    /// <summary>Affected, no fix yet (open, undetermined, postponed).</summary>
    NotFixed,
    /// <summary>Affected, and the vendor has said it will not fix.</summary>
    WontFix,
    /// <summary>Could not decide: the installed or advisory version did not parse. Never read as "not vulnerable".</summary>
    Indeterminate,
}

public static class FindingStatusText
{
    public static string ToText(this FindingStatus s) => s switch
    {
        FindingStatus.Fixed => "fixed",
        FindingStatus.NotFixed => "not-fixed",
        FindingStatus.WontFix => "wont-fix",
        _ => "indeterminate",
    };
}

/// <summary>One vulnerability that applies to one installed package.</summary>
/// <param name="AffectedRange">Human-readable affected range, e.g. "&lt; 3.0.15-1~deb12u1" or "&gt;= 0".</param>
/// <param name="SeveritySource">Where Severity came from: the feed id (debian, alpine, osv) or nvd.</param>
/// <param name="Reason">Why the finding is indeterminate, or the vendor's note (no-dsa …).</param>
public sealed record Finding(
    string VulnerabilityId,
    string PackageName,
    string PackageType,
    string PackagePurl,
    string InstalledVersion,
    string? FixedVersion,
    string AffectedRange,
    Severity Severity,
    string SeveritySource,
    FindingStatus Status,
    string Feed,
    string Namespace,
    double? CvssScore,
    string? CvssVector,
    string? Description,
    IReadOnlyList<string> Aliases,
    string? Urgency,
    string? Reason,
    int LayerIndex = -1,
    string? LayerDiffId = null)
{
    public bool IsFixable => Status == FindingStatus.Fixed;
}
