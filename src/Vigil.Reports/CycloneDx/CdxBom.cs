using System.Text.Json.Serialization;

namespace Vigil.Reports.CycloneDx;

// The subset of CycloneDX 1.6 JSON that Vigil writes; names follow the specification's property names.

internal sealed record CdxBom(
    [property: JsonPropertyName("$schema")] string Schema,
    string BomFormat,
    string SpecVersion,
    string SerialNumber,
    int Version,
    CdxMetadata Metadata,
    IReadOnlyList<CdxComponent> Components,
    IReadOnlyList<CdxDependency> Dependencies,
    IReadOnlyList<CdxVulnerability> Vulnerabilities);

internal sealed record CdxMetadata(DateTimeOffset Timestamp, CdxTools Tools, CdxComponent Component, IReadOnlyList<CdxProperty>? Properties);

internal sealed record CdxTools(IReadOnlyList<CdxComponent> Components);

internal sealed record CdxComponent(
    [property: JsonPropertyName("bom-ref")] string? BomRef,
    string Type,
    string Name,
    string? Version = null,
    string? Purl = null,
    IReadOnlyList<CdxHash>? Hashes = null,
    IReadOnlyList<CdxLicenseChoice>? Licenses = null,
    IReadOnlyList<CdxProperty>? Properties = null);

internal sealed record CdxHash(string Alg, string Content);

internal sealed record CdxLicenseChoice(CdxLicense License);

internal sealed record CdxLicense(string Name);

internal sealed record CdxProperty(string Name, string Value);

internal sealed record CdxDependency(string Ref, IReadOnlyList<string> DependsOn);

internal sealed record CdxVulnerability(
    [property: JsonPropertyName("bom-ref")] string BomRef,
    string Id,
    CdxSource Source,
    IReadOnlyList<CdxRating> Ratings,
    string? Description,
    string? Recommendation,
    IReadOnlyList<CdxAdvisory> Advisories,
    CdxAnalysis? Analysis,
    IReadOnlyList<CdxAffects> Affects,
    IReadOnlyList<CdxProperty>? Properties,
    IReadOnlyList<CdxReference>? References = null);

internal sealed record CdxSource(string Name, string? Url = null);

internal sealed record CdxReference(string Id, CdxSource Source);

internal sealed record CdxRating(CdxSource? Source, double? Score, string Severity, string Method, string? Vector);

internal sealed record CdxAdvisory(string Url);

internal sealed record CdxAnalysis(string State, IReadOnlyList<string>? Response, string? Detail);

internal sealed record CdxAffects(string Ref, IReadOnlyList<CdxAffectedVersion> Versions);

internal sealed record CdxAffectedVersion(string? Version, string? Range, string Status);
