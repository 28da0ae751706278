using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vigil.TestKit.Registry;

/// <summary>How a test registry authenticates.</summary>
public abstract record RegistryAuth
{
    public sealed record None : RegistryAuth;

    /// <summary>htpasswd Basic auth with one user.</summary>
    public sealed record Htpasswd(string User, string Password) : RegistryAuth;

    /// <summary>docker token auth: tokens from <paramref name="Realm"/>, signed by a cert in <paramref name="RootCertBundle"/>.</summary>
    public sealed record Token(Uri Realm, string Service, string Issuer, string RootCertBundle) : RegistryAuth;
}

/// <summary>
/// The real CNCF registry (Debian's docker-registry) on 127.0.0.1 and a free port, with its own storage in a temp
/// directory; stopped and deleted on dispose. Optionally serves TLS with the given certificate.
/// </summary>
public sealed class DistributionRegistry : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private DistributionRegistry(Process process, string directory, int port, bool tls)
    {
        _process = process;
        _directory = directory;
        Port = port;
        BaseUri = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    /// <summary>127.0.0.1:PORT, as references name it.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    public string LogPath => Path.Combine(_directory, "registry.log");

    public static async Task<DistributionRegistry> StartAsync(RegistryAuth auth, CancellationToken cancellationToken, (string Cert, string Key)? tls = null)
    {
        var program = Tools.Require("docker-registry", "docker-registry");
        var dir = Directory.CreateTempSubdirectory("vigil-registry-").FullName;
        var port = FreePort.Next();
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        config.AppendLine("log:\n  level: warn\n  accesslog:\n    disabled: true");
        config.AppendLine(CultureInfo.InvariantCulture, $"storage:\n  filesystem:\n    rootdirectory: {dir}/storage\n  delete:\n    enabled: true");
        config.AppendLine(CultureInfo.InvariantCulture, $"http:\n  addr: 127.0.0.1:{port}\n  secret: vigil-test-secret");
        if (tls is { } t) config.AppendLine(CultureInfo.InvariantCulture, $"  tls:\n    certificate: {t.Cert}\n    key: {t.Key}");
        switch (auth)
        {
            case RegistryAuth.Htpasswd h:
                var line = await Tools.RunAsync(Tools.Require("htpasswd", "apache2-utils"), ["-Bbn", h.User, h.Password], cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(dir, "htpasswd"), line.Trim() + "\n", cancellationToken);
                config.AppendLine(CultureInfo.InvariantCulture, $"auth:\n  htpasswd:\n    realm: vigil-test\n    path: {dir}/htpasswd");
                break;
            case RegistryAuth.Token k:
                config.AppendLine(CultureInfo.InvariantCulture, $"auth:\n  token:\n    realm: {k.Realm}\n    service: {k.Service}\n    issuer: {k.Issuer}\n    rootcertbundle: {k.RootCertBundle}");
                break;
        }
        var configPath = Path.Combine(dir, "config.yml");
        await File.WriteAllTextAsync(configPath, config.ToString(), cancellationToken);

        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add(configPath);
        var process = Process.Start(psi)!;
        var log = new StreamWriter(Path.Combine(dir, "registry.log")) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var registry = new DistributionRegistry(process, dir, port, tls is not null);
        await registry.WaitReadyAsync(cancellationToken);
        return registry;
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"docker-registry exited {_process.ExitCode}: {await File.ReadAllTextAsync(LogPath, cancellationToken)}");
            try
            {
                using var _ = await http.GetAsync(new Uri(BaseUri, "v2/"), cancellationToken);
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new InvalidOperationException($"docker-registry did not answer on {BaseUri} within 10 s");
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
