using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Vigil.Server;

/// <summary>A started server; disposing it stops it (scans in flight are resumed on the next start).</summary>
public sealed class RunningServer(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    /// <summary>Where it listens, e.g. http://127.0.0.1:5000 (the real port when 0 was asked for).</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>host:port, as registry clients write it (skopeo docker://HOST:PORT/ns/repo).</summary>
    public string Authority => BaseAddress.Authority;

    public IServiceProvider Services => app.Services;

    /// <summary>Completes when the host is told to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
