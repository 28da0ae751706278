using System.Text.Json.Serialization;

namespace Vigil.Images.Oci;

/// <summary>
/// A manifest or an index, read as one shape so that a document whose media type is missing (allowed by early
/// OCI layouts) can be told apart by its fields. Schema 1 manifests carry <c>fsLayers</c>.
/// </summary>
public sealed record OciManifest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("mediaType")] string? MediaType = null,
    [property: JsonPropertyName("config")] OciDescriptor? Config = null,
    [property: JsonPropertyName("layers")] IReadOnlyList<OciDescriptor>? Layers = null,
    [property: JsonPropertyName("manifests")] IReadOnlyList<OciDescriptor>? Manifests = null,
    [property: JsonPropertyName("fsLayers")] System.Text.Json.JsonElement? FsLayers = null,
    [property: JsonPropertyName("annotations")] Dictionary<string, string>? Annotations = null);
