using System.Text.Json.Serialization;

namespace Vigil.Ecosystems.Debian.Feed;

public sealed record VulnListHeader(
    [property: JsonPropertyName("Original")] string? Original,
    [property: JsonPropertyName("ID")] string? Id,
    [property: JsonPropertyName("Description")] string? Description);

public sealed record VulnListAnnotation(
    [property: JsonPropertyName("Original")] string? Original,
    [property: JsonPropertyName("Type")] string? Type);

public sealed record VulnListEntry(
    [property: JsonPropertyName("Header")] VulnListHeader? Header,
    [property: JsonPropertyName("Annotations")] IReadOnlyList<VulnListAnnotation>? Annotations);

public sealed record VulnListDistribution(
    [property: JsonPropertyName("major-version")] string? MajorVersion,
    [property: JsonPropertyName("support")] string? Support);

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(VulnListEntry))]
[JsonSerializable(typeof(Dictionary<string, VulnListDistribution>))]
internal sealed partial class DebianFeedJsonContext : JsonSerializerContext;
