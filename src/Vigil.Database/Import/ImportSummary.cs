namespace Vigil.Database;

/// <summary>What an import did.</summary>
/// <param name="ReplacedIncompatible">The file held a database of another schema (or not a Vigil database), which this import replaced.</param>
public sealed record ImportSummary(string DatabasePath, IReadOnlyList<ImportedSource> Sources, TimeSpan Elapsed, bool ReplacedIncompatible);

/// <summary>One source of an import.</summary>
/// <param name="Unchanged">A URL the server said was not modified since the last import (HTTP 304): its earlier records stand.</param>
public sealed record ImportedSource(string Source, string Feed, string Format, long Records, string InputSha256, bool Unchanged);

/// <summary>Progress of an import, reported per source and every few thousand records.</summary>
public sealed record ImportProgress(string Source, string Stage, string? Format, long Records);
