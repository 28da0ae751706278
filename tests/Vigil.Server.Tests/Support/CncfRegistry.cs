using System.Diagnostics;
using Vigil.TestKit;

namespace Vigil.Server.Tests.Support;

/// <summary>The CNCF registry (Debian's docker-registry) as a child process on a free loopback port, without auth.</summary>
public sealed class CncfRegistry : IAsyncDisposable
{
    private readonly Process process;
    private readonly TempDir dir;

    private CncfRegistry(Process process, TempDir dir, Uri baseAddress)
    {
        this.process = process;
        this.dir = dir;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<CncfRegistry> StartAsync(CancellationToken cancellationToken)
    {
        var exe = Tools.Require("docker-registry");
        var dir = new TempDir();
        var port = FreePort.Next();
        var config = (await File.ReadAllTextAsync(RepoPaths.Fixture("server", "docker-registry.yml"), cancellationToken))
            .Replace("{ROOT}", dir.Combine("storage"), StringComparison.Ordinal)
            .Replace("{ADDR}", $"127.0.0.1:{port}", StringComparison.Ordinal);
        var configPath = dir.Combine("config.yml");
        await File.WriteAllTextAsync(configPath, config, cancellationToken);
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add(configPath);
        var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        var uri = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = uri };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var r = await http.GetAsync("/v2/", cancellationToken);
                if (r.IsSuccessStatusCode) return new CncfRegistry(p, dir, uri);
            }
            catch (HttpRequestException)
            {
            }
            if (p.HasExited) break;
            await Task.Delay(100, cancellationToken);
        }
        p.Kill();
        dir.Dispose();
        throw new InvalidOperationException("docker-registry did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        dir.Dispose();
    }
}
