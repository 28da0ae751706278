namespace Vigil.Database.Feeds;

/// <summary>The outcome of fetching one URL.</summary>
/// <param name="NotModified">The server answered 304 to our validators: nothing was downloaded.</param>
/// <param name="Url">The URL that answered (the source or a mirror).</param>
/// <param name="Sha256">sha256 of the downloaded bytes; null when not modified.</param>
public sealed record FetchResult(bool NotModified, Uri Url, string? ETag, string? LastModified, string? Sha256, long Bytes);
