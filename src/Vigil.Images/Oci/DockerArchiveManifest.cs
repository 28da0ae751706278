using System.Text.Json.Serialization;

namespace Vigil.Images.Oci;

/// <summary>One image in a <c>docker save</c> tarball's manifest.json.</summary>
public sealed record DockerArchiveManifest(
    [property: JsonPropertyName("Config")] string? Config,
    [property: JsonPropertyName("RepoTags")] IReadOnlyList<string>? RepoTags,
    [property: JsonPropertyName("Layers")] IReadOnlyList<string>? Layers);
