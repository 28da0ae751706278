namespace Vigil.Reports.Json;

internal sealed record JsonPackage(
    string Name,
    string Version,
    string Type,
    string Purl,
    string SourceName,
    string SourceVersion,
    string? Arch,
    IReadOnlyList<string>? Licenses,
    string Location,
    string Cataloger,
    int? LayerIndex = null,
    string? LayerDiffId = null);
