using System.Text.Json.Serialization;

namespace Vigil.Reports.Spdx;

// The subset of SPDX 2.3 JSON that Vigil writes; names follow the SPDX JSON schema.

internal sealed record SpdxDocument(
    string SpdxVersion,
    string DataLicense,
    [property: JsonPropertyName("SPDXID")] string SpdxId,
    string Name,
    string DocumentNamespace,
    SpdxCreationInfo CreationInfo,
    IReadOnlyList<SpdxPackage> Packages,
    IReadOnlyList<SpdxRelationship> Relationships,
    string? Comment = null);

internal sealed record SpdxCreationInfo(string Created, IReadOnlyList<string> Creators, string? Comment = null);

internal sealed record SpdxPackage(
    [property: JsonPropertyName("SPDXID")] string SpdxId,
    string Name,
    string? VersionInfo,
    string DownloadLocation,
    bool FilesAnalyzed,
    string LicenseConcluded,
    string LicenseDeclared,
    string CopyrightText,
    string? PrimaryPackagePurpose,
    string? Supplier = null,
    string? SourceInfo = null,
    IReadOnlyList<SpdxChecksum>? Checksums = null,
    IReadOnlyList<SpdxExternalRef>? ExternalRefs = null,
    string? Comment = null);

internal sealed record SpdxChecksum(string Algorithm, string ChecksumValue);

internal sealed record SpdxExternalRef(string ReferenceCategory, string ReferenceType, string ReferenceLocator);

internal sealed record SpdxRelationship(string SpdxElementId, string RelationshipType, string RelatedSpdxElement);
