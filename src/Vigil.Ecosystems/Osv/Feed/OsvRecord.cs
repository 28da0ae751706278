using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Ecosystems.Osv.Feed;

/// <summary>The OSV schema (https://ossf.github.io/osv-schema/) as far as Vigil stores it.</summary>
public sealed record OsvRecord(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("modified")] string? Modified,
    [property: JsonPropertyName("published")] string? Published,
    [property: JsonPropertyName("withdrawn")] string? Withdrawn,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string>? Aliases,
    [property: JsonPropertyName("related")] IReadOnlyList<string>? Related,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("details")] string? Details,
    [property: JsonPropertyName("severity")] IReadOnlyList<OsvSeverity>? Severity,
    [property: JsonPropertyName("affected")] IReadOnlyList<OsvAffected>? Affected,
    [property: JsonPropertyName("references")] IReadOnlyList<OsvReference>? References,
    [property: JsonPropertyName("database_specific")] JsonElement? DatabaseSpecific);

public sealed record OsvSeverity(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("score")] string? Score);

public sealed record OsvPackage(
    [property: JsonPropertyName("ecosystem")] string? Ecosystem,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("purl")] string? Purl);

public sealed record OsvAffected(
    [property: JsonPropertyName("package")] OsvPackage? Package,
    [property: JsonPropertyName("severity")] IReadOnlyList<OsvSeverity>? Severity,
    [property: JsonPropertyName("ranges")] IReadOnlyList<OsvRange>? Ranges,
    [property: JsonPropertyName("versions")] IReadOnlyList<string>? Versions,
    [property: JsonPropertyName("ecosystem_specific")] JsonElement? EcosystemSpecific,
    [property: JsonPropertyName("database_specific")] JsonElement? DatabaseSpecific);

public sealed record OsvRange(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("repo")] string? Repo,
    [property: JsonPropertyName("events")] IReadOnlyList<OsvEvent>? Events);

public sealed record OsvEvent(
    [property: JsonPropertyName("introduced")] string? Introduced,
    [property: JsonPropertyName("fixed")] string? Fixed,
    [property: JsonPropertyName("last_affected")] string? LastAffected,
    [property: JsonPropertyName("limit")] string? Limit);

public sealed record OsvReference(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("url")] string? Url);

[JsonSourceGenerationOptions(AllowTrailingCommas = true)]
[JsonSerializable(typeof(OsvRecord))]
internal sealed partial class OsvJsonContext : JsonSerializerContext;
