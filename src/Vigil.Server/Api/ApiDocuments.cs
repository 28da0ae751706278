using Vigil.Core.Model;

namespace Vigil.Server.Api;

/// <summary>Docker's token response: both names for the token, its lifetime in seconds and when it was issued.</summary>
public sealed record TokenResponse(string Token, string AccessToken, int ExpiresIn, string IssuedAt);

/// <summary>Optional body of a scan request.</summary>
public sealed record ScanRequest(string? Platform);

public sealed record ScanAccepted(long Id, string Status, string Repository, string? Tag, string Digest, string Platform, string ResultsUrl);

/// <summary>GET …/scan-results: status, counts, then layers, components and vulnerabilities, then the database used.</summary>
public sealed record ScanReport(
    long Id,
    string Repository,
    string? Tag,
    string Digest,
    string Platform,
    string Status,
    string? Error,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    SeverityCounts? Summary,
    OsView? Os,
    IReadOnlyList<LayerView>? Layers,
    IReadOnlyList<ComponentView>? Components,
    IReadOnlyList<VulnerabilityView>? Vulnerabilities,
    DatabaseView? Database,
    IReadOnlyList<string>? Warnings);

public sealed record SeverityCounts(int Critical, int High, int Medium, int Low, int Negligible, int Unknown, int Total, int Fixable);

public sealed record OsView(string Id, string? VersionId, string? Codename, string? PrettyName);

public sealed record LayerView(int Index, string Digest, string DiffId, string MediaType, long Size, string? CreatedBy);

public sealed record ComponentView(string Name, string Version, string Type, string Purl, string SourceName, string SourceVersion, int LayerIndex, string? LayerDiffId);

public sealed record VulnerabilityView(
    string Id,
    string Package,
    string InstalledVersion,
    string? FixedVersion,
    string Severity,
    double? Cvss,
    string? CvssVector,
    string? Description,
    string Status,
    bool Fixable,
    int LayerIndex,
    string? LayerDiffId,
    IReadOnlyList<string> Aliases);

public sealed record DatabaseView(string Version, string Path, int SchemaVersion, DateTimeOffset? BuiltAt, long AdvisoryCount, IReadOnlyList<FeedProvenance> Imports);

/// <summary>Mirantis DTR's scan summary, with its field names.</summary>
public sealed record DtrScanSummary(
    string Namespace,
    string Reponame,
    string Tag,
    string Os,
    string Architecture,
    string Sha256sum,
    int Critical,
    int Major,
    int Minor,
    string LastScanStatus,
    DateTimeOffset? CheckCompletedAt,
    bool ShouldRescan,
    bool HasForeignLayers,
    IReadOnlyList<DtrLayer>? LayerDetails);

public sealed record DtrLayer(string Sha256sum, IReadOnlyList<DtrComponent> Components);

public sealed record DtrComponent(string Component, string Version, string FullPath, IReadOnlyList<DtrVulnEntry> Vulns);

public sealed record DtrVulnEntry(DtrVuln Vuln);

public sealed record DtrVuln(string Id, double Cvss, string Summary);

public sealed record DtrScanStatus(
    bool ScanningEnabled,
    string State,
    string? DbVersion,
    DateTimeOffset? DbUpdatedAt,
    bool LastDbUpdateFailed,
    string? LastDbUpdateError,
    int Workers,
    IReadOnlyDictionary<string, long> Scans);

public sealed record RepositorySettingsBody(bool? ScanOnPush, bool? AnonymousPull);

public sealed record RepositorySettingsView(string Repository, bool ScanOnPush, bool AnonymousPull);

public sealed record DbImportResult(DatabaseView Database, int Rematched);
