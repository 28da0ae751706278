namespace Vigil.Core.Model;

/// <summary>The vulnerability database a scan used, with the provenance of every import.</summary>
public sealed record DatabaseInfo(
    string Path,
    int SchemaVersion,
    DateTimeOffset? BuiltAt,
    IReadOnlyList<FeedProvenance> Imports,
    long AdvisoryCount);

/// <summary>One import into the database.</summary>
/// <param name="Source">The path or URL imported.</param>
/// <param name="InputSha256">sha256 of the bytes read (for a directory: of the sorted file digests).</param>
public sealed record FeedProvenance(string Feed, string Format, string Source, DateTimeOffset ImportedAt, string InputSha256, long Records);
