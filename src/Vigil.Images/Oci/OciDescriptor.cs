using System.Text.Json.Serialization;

namespace Vigil.Images.Oci;

/// <summary>A content descriptor as the OCI image spec defines it (also the Docker v2 shape).</summary>
public sealed record OciDescriptor(
    [property: JsonPropertyName("mediaType")] string? MediaType,
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("annotations")] Dictionary<string, string>? Annotations = null,
    [property: JsonPropertyName("platform")] OciPlatform? Platform = null,
    [property: JsonPropertyName("urls")] IReadOnlyList<string>? Urls = null)
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    public const string ContainerdNameAnnotation = "io.containerd.image.name";

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;
}

/// <summary>The platform of an index entry.</summary>
public sealed record OciPlatform(
    [property: JsonPropertyName("architecture")] string? Architecture,
    [property: JsonPropertyName("os")] string? Os,
    [property: JsonPropertyName("variant")] string? Variant = null);
