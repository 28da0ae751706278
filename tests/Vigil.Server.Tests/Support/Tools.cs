using System.Diagnostics;
using Xunit;

namespace Vigil.Server.Tests.Support;

/// <summary>Runs the real command-line clients the tests drive (skopeo, docker-registry).</summary>
public static class Tools
{
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        Assert.Skip($"{name} is not installed; it is in .ci/apt-packages.txt (apt-get install {name}).");
        return "";
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result EnsureSuccess(string what) =>
            ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed with {ExitCode}:\n{Stderr}\n{Stdout}");
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken);
        return new Result(p.ExitCode, await stdout, await stderr);
    }
}
