namespace Vigil.Reports.Json;

internal sealed record JsonTarget(
    string Reference,
    string Name,
    string SourceKind,
    string? Digest = null,
    string? IndexDigest = null,
    string? ConfigDigest = null,
    string? Platform = null,
    IReadOnlyList<JsonLayer>? Layers = null);

internal sealed record JsonLayer(int Index, string Digest, string DiffId, string MediaType, long Size, string? CreatedBy = null);
