using Vigil.Core.Model;

namespace Vigil.Server.Scanning;

/// <summary>The states a scan goes through; the API writes them in lower case.</summary>
public enum ScanStatus
{
    Queued,
    Scanning,
    Completed,
    Failed,
}

/// <summary>One scan as stored: what was asked, where it got to, and (when completed) its result and the database it used.</summary>
public sealed record ScanRecord(
    long Id,
    string Repository,
    string? Tag,
    Digest Digest,
    string Platform,
    ScanStatus Status,
    string? Error,
    string? DatabaseVersion,
    ScanResult? Result,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);
