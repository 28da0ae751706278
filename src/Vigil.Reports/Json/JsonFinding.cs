namespace Vigil.Reports.Json;

public sealed record JsonFinding(
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

public sealed record JsonCvss(double Score, string? Vector = null);
