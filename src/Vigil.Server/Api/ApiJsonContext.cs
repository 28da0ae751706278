using System.Text.Json.Serialization;

namespace Vigil.Server.Api;

/// <summary>JSON of Vigil's and DTR's HTTP APIs (snake_case, as DTR and Docker's token response write it).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = false)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(ScanAccepted))]
[JsonSerializable(typeof(ScanReport))]
[JsonSerializable(typeof(List<DtrScanSummary>))]
[JsonSerializable(typeof(DtrScanStatus))]
[JsonSerializable(typeof(RepositorySettingsBody))]
[JsonSerializable(typeof(RepositorySettingsView))]
[JsonSerializable(typeof(DbImportResult))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
