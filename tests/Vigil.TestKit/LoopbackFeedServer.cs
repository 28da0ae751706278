using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Vigil.TestKit;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving files, with ETag / If-None-Match / If-Modified-Since, and scripted failures
/// (a status, optionally with Retry-After) answered before the file. Records every request it saw.
/// </summary>
public sealed class LoopbackFeedServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> _failures = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LoopbackFeedServer()
    {
        Port = FreePort();
        BaseUrl = $"http://127.0.0.1:{Port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string Path, int Status, string? IfNoneMatch)> Requests { get; } = new();

    /// <summary>A port nothing listens on (for a dead mirror).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public string Serve(string urlPath, string file)
    {
        _files[urlPath] = file;
        return BaseUrl + urlPath.TrimStart('/');
    }

    public void FailNext(string urlPath, int status, string? retryAfter = null) =>
        _failures.GetOrAdd(urlPath, _ => new()).Enqueue((status, retryAfter));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        var ifNoneMatch = context.Request.Headers["If-None-Match"];
        try
        {
            if (_failures.TryGetValue(path, out var queue) && queue.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is not null) response.AddHeader("Retry-After", failure.RetryAfter);
                response.StatusCode = failure.Status;
                Requests.Enqueue((path, failure.Status, ifNoneMatch));
                return;
            }
            if (!_files.TryGetValue(path, out var file))
            {
                response.StatusCode = 404;
                Requests.Enqueue((path, 404, ifNoneMatch));
                return;
            }
            var bytes = await File.ReadAllBytesAsync(file);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            var lastModified = File.GetLastWriteTimeUtc(file);
            response.AddHeader("ETag", etag);
            response.AddHeader("Last-Modified", lastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            if (ifNoneMatch == etag)
            {
                response.StatusCode = 304;
                Requests.Enqueue((path, 304, ifNoneMatch));
                return;
            }
            response.StatusCode = 200;
            response.ContentLength64 = bytes.Length;
            Requests.Enqueue((path, 200, ifNoneMatch));
            await response.OutputStream.WriteAsync(bytes);
        }
        finally
        {
            response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
