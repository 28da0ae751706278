using System.Diagnostics;
using Xunit;

namespace Vigil.TestKit.Registry;

/// <summary>Runs the real tools the registry tests lean on (skopeo, htpasswd, docker-registry); skips when one is missing.</summary>
public static class Tools
{
    public static string Require(string program, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        Assert.Skip($"{program} is not installed: apt-get install {package} (it is listed in .ci/apt-packages.txt)");
        return program;
    }

    /// <summary>Runs a program to completion and returns stdout; a non-zero exit fails the test with stderr.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken, string? stdin = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    /// <summary>skopeo copy SRC DEST with TLS verification off for the loopback registries.</summary>
    public static Task<string> SkopeoCopyAsync(string source, string destination, CancellationToken cancellationToken, params string[] extra) =>
        RunAsync(Require("skopeo", "skopeo"),
            ["copy", "--quiet", "--insecure-policy", "--dest-tls-verify=false", "--src-tls-verify=false", .. extra, source, destination], cancellationToken);
}
