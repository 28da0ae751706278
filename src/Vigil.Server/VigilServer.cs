using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Core;
using Vigil.Server.Api;
using Vigil.Server.Auth;
using Vigil.Server.Distribution;
using Vigil.Server.Scanning;
using Vigil.Server.Storage;

namespace Vigil.Server;

/// <summary>
/// <c>vigil serve</c>: an OCI registry that scans what is pushed to it. The CLI calls <see cref="RunAsync"/>;
/// tests and embedders call <see cref="StartAsync"/> and get the bound address back.
/// </summary>
public static class VigilServer
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the process gets SIGTERM or Ctrl+C.</summary>
    public static async Task RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(options, null, cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the server and returns once it listens. <paramref name="engine"/> null uses the real pipeline on the options' database.</summary>
    public static async Task<RunningServer> StartAsync(ServeOptions options, IScanEngine? engine, CancellationToken cancellationToken)
    {
        var (address, port) = ParseListen(options.Listen);
        var data = new DataDirectory(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = data.Root, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, port);
            k.Limits.MaxRequestBodySize = null;
            k.AddServerHeader = false;
        });
        var db = new MetadataDb(data.MetadataPath);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(data);
        s.AddSingleton(db);
        s.AddSingleton<BlobStore>();
        s.AddSingleton<UploadStore>();
        s.AddHostedService<UploadJanitor>();
        s.AddSingleton<RegistryStore>();
        s.AddSingleton<UserStore>();
        s.AddSingleton(new TokenIssuer(options.EffectiveSigningKeyPath));
        s.AddSingleton<Authenticator>();
        s.AddSingleton<TokenEndpoint>();
        s.AddSingleton<ScanStore>();
        s.AddSingleton(engine ?? DefaultEngine(options));
        s.AddSingleton<ScanQueue>();
        s.AddHostedService(sp => sp.GetRequiredService<ScanQueue>());
        s.AddSingleton<DistributionApi>();
        s.AddSingleton<ScanApi>();

        var app = builder.Build();
        MapRoutes(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    private static void MapRoutes(WebApplication app)
    {
        var v2 = app.Services.GetRequiredService<DistributionApi>();
        app.Map("/v2", v2.HandleAsync);
        app.Map("/v2/{**rest}", v2.HandleAsync);

        var token = app.Services.GetRequiredService<TokenEndpoint>();
        app.MapMethods("/auth/token", [HttpMethods.Get, HttpMethods.Post], token.HandleAsync);

        var api = app.Services.GetRequiredService<ScanApi>();
        app.MapPost("/api/v0/repositories/{namespace}/{repo}/tags/{tag}/scan", api.ScanTagAsync);
        app.MapGet("/api/v0/repositories/{namespace}/{repo}/tags/{tag}/scan-results", api.ScanResultsAsync);
        app.MapMethods("/api/v0/repositories/{namespace}/{repo}/settings", [HttpMethods.Get, HttpMethods.Put], api.RepositorySettingsAsync);
        app.MapGet("/api/v0/scans/{id}", api.ScanByIdAsync);
        app.MapPost("/api/v0/imagescan/scan/{namespace}/{repo}/{tag}/{os}/{arch}", api.DtrScanAsync);
        app.MapGet("/api/v0/imagescan/repositories/{namespace}/{repo}/{tag}", api.DtrSummaryAsync);
        app.MapGet("/api/v0/imagescan/status", api.StatusAsync);
        app.MapPost("/api/v0/db/import", api.ImportDatabaseAsync);
        app.MapFallback(ctx => OciResults.ErrorAsync(ctx, 404, OciCodes.Unsupported, $"no such route: {ctx.Request.Method} {ctx.Request.Path}"));
    }

    private static IScanEngine DefaultEngine(ServeOptions options) => PipelineScanEngine.ForDatabase(options.EffectiveDatabasePath);

    internal static (IPAddress Address, int Port) ParseListen(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(listen[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new VigilException(ErrorKind.Usage, $"--listen '{listen}' is not HOST:PORT", "for example --listen 127.0.0.1:5000");
        }
        var host = listen[..colon].Trim('[', ']');
        var address = host is "" or "*" or "0.0.0.0" ? IPAddress.Any : host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var a) ? a : throw new VigilException(ErrorKind.Usage, $"--listen host '{host}' is not an IP address");
        return (address, port);
    }
}
