using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.TestKit.Registry;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) whose every request goes to the test's handler,
/// so a test can make a registry misbehave exactly as it needs. Records each request as "METHOD /path".
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>HOST:PORT, as a registry reference names it.</summary>
    public string Authority => $"{BaseUri.Host}:{BaseUri.Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<string> RequestLines => Requests.Select(r => $"{r.Method} {r.PathAndQuery}");

    /// <summary>A server that answers every request with <paramref name="status"/> and <paramref name="headers"/>, no body.</summary>
    public static Task<LoopbackServer> AnsweringAsync(int status, CancellationToken cancellationToken, params (string Name, string Value)[] headers) =>
        StartAsync(c =>
        {
            c.Response.StatusCode = status;
            foreach (var (name, value) in headers) c.Response.Headers[name] = value;
            return Task.CompletedTask;
        }, cancellationToken);

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            server!.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(), context.Request.Headers.Range.ToString()));
            await handler(context);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, string Range);
