namespace Vigil.Reports.Json;

internal sealed record JsonDatabase(
    string Path,
    int SchemaVersion,
    DateTimeOffset? BuiltAt,
    long AdvisoryCount,
    IReadOnlyList<JsonFeedImport>? Imports = null);

internal sealed record JsonFeedImport(string Feed, string Format, string Source, DateTimeOffset ImportedAt, string InputSha256, long Records);
