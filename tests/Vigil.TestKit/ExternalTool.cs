using System.Diagnostics;
using Xunit;

namespace Vigil.TestKit;

/// <summary>Runs reference tools on this machine (dpkg-query, dpkg, skopeo …) for differential tests.</summary>
public static class ExternalTool
{
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    /// <summary>Skips the test with a reason when the tool is not installed (.ci/apt-packages.txt installs it in CI).</summary>
    public static void Require(string name, string package)
    {
        if (!Exists(name)) Assert.Skip($"{name} is not installed here (Debian package {package}; .ci/run installs it)");
    }

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            p.StandardInput.Close();
        }
        await p.WaitForExitAsync(cancellationToken);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>(name, version, arch) of every package dpkg-query lists for a root filesystem.</summary>
    public static async Task<IReadOnlyList<(string Name, string Version, string Arch)>> DpkgQueryAsync(string rootfs, CancellationToken cancellationToken = default)
    {
        Require("dpkg-query", "dpkg");
        var text = await RunAsync("dpkg-query", ["--admindir=" + Path.Combine(rootfs, "var", "lib", "dpkg"), "-W", "-f", "${Package}\t${Version}\t${Architecture}\n"], null, cancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1], f[2]))
            .ToList();
    }
}
