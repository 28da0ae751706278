using System.Text.Json.Serialization;

namespace Vigil.Ecosystems.Nvd.Feed;

/// <summary>The NVD CVE API 2.0 "cve" object, as far as Vigil stores it (description, CVSS, references, dates).</summary>
public sealed record NvdCve(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("published")] string? Published,
    [property: JsonPropertyName("lastModified")] string? LastModified,
    [property: JsonPropertyName("vulnStatus")] string? VulnStatus,
    [property: JsonPropertyName("descriptions")] IReadOnlyList<NvdDescription>? Descriptions,
    [property: JsonPropertyName("metrics")] NvdMetrics? Metrics,
    [property: JsonPropertyName("references")] IReadOnlyList<NvdReference>? References);

public sealed record NvdDescription(
    [property: JsonPropertyName("lang")] string? Lang,
    [property: JsonPropertyName("value")] string? Value);

public sealed record NvdReference([property: JsonPropertyName("url")] string? Url);

public sealed record NvdMetrics(
    [property: JsonPropertyName("cvssMetricV40")] IReadOnlyList<NvdMetric>? V40,
    [property: JsonPropertyName("cvssMetricV31")] IReadOnlyList<NvdMetric>? V31,
    [property: JsonPropertyName("cvssMetricV30")] IReadOnlyList<NvdMetric>? V30,
    [property: JsonPropertyName("cvssMetricV2")] IReadOnlyList<NvdMetric>? V2);

public sealed record NvdMetric(
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("cvssData")] NvdCvssData? CvssData);

public sealed record NvdCvssData(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("vectorString")] string? VectorString,
    [property: JsonPropertyName("baseScore")] double? BaseScore);

[JsonSerializable(typeof(NvdCve))]
internal sealed partial class NvdJsonContext : JsonSerializerContext;
