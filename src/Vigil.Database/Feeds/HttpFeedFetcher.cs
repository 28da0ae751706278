using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Vigil.Core;

namespace Vigil.Database.Feeds;

/// <summary>
/// Downloads a feed to a file: conditional (ETag / If-Modified-Since), streamed (never whole in memory), size-limited,
/// retried with exponential backoff on 5xx, 429 and network errors (honouring Retry-After), falling back to mirrors in order.
/// </summary>
public sealed class HttpFeedFetcher : IDisposable
{
    private readonly ImportOptions _options;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    public HttpFeedFetcher(ImportOptions options)
    {
        _options = options;
        _ownsClient = options.HttpClient is null;
        _client = options.HttpClient ?? new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The URLs to try for <paramref name="source"/>: itself, then each mirror base with the source's path.</summary>
    public IReadOnlyList<Uri> Candidates(Uri source)
    {
        var list = new List<Uri> { source };
        foreach (var mirror in _options.Mirrors)
        {
            var b = mirror.EndsWith('/') ? mirror : mirror + "/";
            list.Add(new Uri(new Uri(b), source.PathAndQuery.TrimStart('/')));
        }
        return list;
    }

    public async Task<FetchResult> FetchAsync(Uri source, HttpValidatorSet? validators, string destination, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var url in Candidates(source))
        {
            try
            {
                return await FetchOneAsync(url, validators, destination, cancellationToken);
            }
            catch (VigilException e) when (e.Kind == ErrorKind.Network)
            {
                failures.Add(e.Message);
            }
        }
        throw new VigilException(ErrorKind.Network, $"Could not download {source}: " + string.Join("; ", failures),
            "Check the network or the URL; give --mirror URLs to try other servers, or import a local copy of the feed.");
    }

    private async Task<FetchResult> FetchOneAsync(Uri url, HttpValidatorSet? validators, string destination, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("vigil", "1"));
                if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
                if (validators?.LastModified is { } lm && DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                    request.Headers.IfModifiedSince = since;

                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.StatusCode == HttpStatusCode.NotModified && validators is not null)
                    return new FetchResult(true, url, validators.ETag, validators.LastModified, null, 0);
                if (response.IsSuccessStatusCode)
                    return await SaveAsync(url, response, destination, timeout.Token);

                failure = $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    // 404, 403 …: retrying the same URL will not help; the next mirror might.
                    throw new VigilException(ErrorKind.Network, failure);
                }
                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException e)
            {
                failure = $"{url}: {e.Message}";
            }
            catch (IOException e)
            {
                // The connection broke mid-body: the partial file is overwritten by the next attempt.
                failure = $"{url}: {e.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"{url}: no complete answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }

            if (attempt >= _options.MaxAttempts) throw new VigilException(ErrorKind.Network, $"{failure} (after {attempt.ToString(CultureInfo.InvariantCulture)} attempts)");
            var wait = retryAfter ?? backoff;
            if (wait > _options.MaxBackoff) wait = _options.MaxBackoff;
            await Task.Delay(wait, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private async Task<FetchResult> SaveAsync(Uri url, HttpResponseMessage response, string destination, CancellationToken cancellationToken)
    {
        var limit = _options.MaxDownloadBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
            throw new VigilException(ErrorKind.InvalidInput, $"{url} is {declared.ToString(CultureInfo.InvariantCulture)} bytes, over the {limit.ToString(CultureInfo.InvariantCulture)}-byte limit.",
                "Raise the download limit if the feed really is that large.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using (var input = await response.Content.ReadAsStreamAsync(cancellationToken))
        await using (var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                    throw new VigilException(ErrorKind.InvalidInput, $"{url} sent more than the {limit.ToString(CultureInfo.InvariantCulture)}-byte limit.",
                        "Raise the download limit if the feed really is that large.");
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);
        return new FetchResult(false, url, etag, lastModified, Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }
}
