using System.Text.Json.Serialization;

namespace Vigil.Versioning.Tests.Ranges;

public sealed record OsvRangeCase(
    string Name,
    string Scheme,
    string Version,
    IReadOnlyList<OsvRangeCaseRange> Ranges,
    IReadOnlyList<string>? Versions,
    string Expect);

public sealed record OsvRangeCaseRange(string Type, IReadOnlyList<OsvRangeCaseEvent> Events);

public sealed record OsvRangeCaseEvent(
    string? Introduced,
    string? Fixed,
    [property: JsonPropertyName("last_affected")] string? LastAffected,
    string? Limit);
