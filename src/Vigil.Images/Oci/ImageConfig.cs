using System.Text.Json.Serialization;

namespace Vigil.Images.Oci;

/// <summary>The parts of an image config (OCI or Docker) that a scanner needs.</summary>
public sealed record ImageConfig(
    [property: JsonPropertyName("architecture")] string? Architecture,
    [property: JsonPropertyName("os")] string? Os,
    [property: JsonPropertyName("variant")] string? Variant = null,
    [property: JsonPropertyName("rootfs")] ImageRootFs? RootFs = null,
    [property: JsonPropertyName("history")] IReadOnlyList<ImageHistory>? History = null);

public sealed record ImageRootFs(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("diff_ids")] IReadOnlyList<string>? DiffIds);

public sealed record ImageHistory(
    [property: JsonPropertyName("created")] string? Created = null,
    [property: JsonPropertyName("created_by")] string? CreatedBy = null,
    [property: JsonPropertyName("comment")] string? Comment = null,
    [property: JsonPropertyName("empty_layer")] bool EmptyLayer = false);
