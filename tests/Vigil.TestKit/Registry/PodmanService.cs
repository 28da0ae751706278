using System.Diagnostics;
using System.Net.Sockets;

namespace Vigil.TestKit.Registry;

/// <summary>
/// podman's Docker-compatible API service (<c>podman system service</c>) on a unix socket in a temp directory, with its
/// own vfs storage so it needs no privileges beyond root and touches no other podman state. Stopped and removed on dispose.
/// </summary>
public sealed class PodmanService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly string[] _globalArgs;

    private PodmanService(Process process, string directory, string[] globalArgs)
    {
        _process = process;
        _directory = directory;
        _globalArgs = globalArgs;
    }

    public string SocketPath => Path.Combine(_directory, "podman.sock");

    /// <summary>What DOCKER_HOST would say.</summary>
    public string DockerHost => "unix://" + SocketPath;

    public static async Task<PodmanService> StartAsync(CancellationToken cancellationToken)
    {
        var program = Tools.Require("podman", "podman");
        var dir = Directory.CreateTempSubdirectory("vigil-podman-").FullName;
        string[] global = ["--storage-driver", "vfs", "--root", Path.Combine(dir, "root"), "--runroot", Path.Combine(dir, "run"),
            "--cgroup-manager", "cgroupfs", "--events-backend", "file", "--tmpdir", Path.Combine(dir, "tmp")];
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in global) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "system", "service", "--time=0", $"unix://{Path.Combine(dir, "podman.sock")}" }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var service = new PodmanService(process, dir, global);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"podman system service exited {process.ExitCode}");
            if (File.Exists(service.SocketPath))
            {
                try
                {
                    using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(service.SocketPath), cancellationToken);
                    return service;
                }
                catch (SocketException) { }
            }
            await Task.Delay(100, cancellationToken);
        }
        await service.DisposeAsync();
        throw new InvalidOperationException("podman system service did not open its socket within 10 s");
    }

    /// <summary>Runs podman against this service's storage (pull, tag, images …).</summary>
    public Task<string> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        Tools.RunAsync(Tools.Require("podman", "podman"), [.. _globalArgs, .. args], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
