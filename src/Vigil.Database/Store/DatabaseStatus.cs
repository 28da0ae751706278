using Vigil.Core.Model;

namespace Vigil.Database;

/// <summary>The state of a database file, for <c>vigil db status</c>.</summary>
/// <param name="Age">Time since the last import finished (built_at); null for a database never imported into.</param>
public sealed record DatabaseStatus(
    string Path,
    int SchemaVersion,
    DateTimeOffset? BuiltAt,
    TimeSpan? Age,
    long SizeBytes,
    IReadOnlyList<FeedProvenance> Imports,
    IReadOnlyList<FeedCount> Feeds,
    IReadOnlyList<NamespaceCount> Namespaces);

public sealed record FeedCount(string Feed, long Advisories);

/// <param name="Statements">Rows (advisory × package statements) in the namespace.</param>
public sealed record NamespaceCount(string Namespace, long Statements, long Packages, long Advisories);
