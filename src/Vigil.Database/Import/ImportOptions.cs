namespace Vigil.Database;

/// <summary>How an import fetches URL sources. The defaults serve the CLI and the library alike.</summary>
public sealed record ImportOptions
{
    public static ImportOptions Default { get; } = new();

    /// <summary>Base URLs tried in order after a source URL fails: the source's path is appended to each.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>Tries per URL on 5xx, 429 or a network error, with exponential backoff.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff; doubled each retry, capped at <see cref="MaxBackoff"/>. A Retry-After header takes precedence.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one request, headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A download larger than this is refused (the full Debian tracker JSON is ~70 MB; OSV zips of an ecosystem a few hundred).</summary>
    public long MaxDownloadBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The HTTP client to use; null creates one per import. Tests pass their own.</summary>
    public HttpClient? HttpClient { get; init; }
}
