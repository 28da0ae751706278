namespace Vigil.Reports.Json;

internal sealed record JsonFinding(
    string VulnerabilityId,
    string PackageName,
    string PackageType,
    string Purl,
    string InstalledVersion,
    string? FixedVersion,
    string AffectedRange,
    string Severity,
    string SeveritySource,
    string Status,
    string Feed,
    string Namespace,
    JsonCvss? Cvss = null,
    string? Description = null,
    IReadOnlyList<string>? Aliases = null,
    string? Urgency = null,
    string? Reason = null,
    int? LayerIndex = null,
    string? LayerDiffId = null);

internal sealed record JsonCvss(double Score, string? Vector = null);
