using System.Diagnostics;
using System.Text;
using Xunit;

namespace Vigil.Versioning.Tests.Support;

/// <summary>Runs a reference implementation once over many input lines and returns one output line per input line.</summary>
public static class ReferenceTool
{
    /// <summary>The first of <paramref name="candidates"/> that runs <paramref name="probeArgs"/> successfully, or null.</summary>
    public static string? FindWorking(IEnumerable<string> candidates, IReadOnlyList<string> probeArgs)
    {
        foreach (var exe in candidates)
        {
            try
            {
                var (code, _, _) = Run(exe, probeArgs, [], TimeSpan.FromSeconds(60));
                if (code == 0) return exe;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed here; try the next candidate.
            }
        }

        return null;
    }

    /// <summary>The first working candidate, or the test is skipped with <paramref name="whyMissing"/> (say how CI gets it).</summary>
    public static string Require(IEnumerable<string> candidates, IReadOnlyList<string> probeArgs, string whyMissing)
    {
        var exe = FindWorking(candidates, probeArgs);
        if (exe is null) Assert.Skip(whyMissing);
        return exe!;
    }

    public static string[] Batch(string exe, IReadOnlyList<string> args, IReadOnlyList<string> lines, TimeSpan timeout)
    {
        var (code, stdout, stderr) = Run(exe, args, lines, timeout);
        Assert.True(code == 0, $"{exe} {string.Join(' ', args)} exited with {code}: {stderr}");
        var output = stdout.Split('\n');
        var n = output.Length > 0 && output[^1].Length == 0 ? output.Length - 1 : output.Length;
        Assert.True(n == lines.Count, $"{exe} returned {n} lines for {lines.Count} inputs. stderr: {stderr}");
        return output[..n];
    }

    private static (int Code, string Stdout, string Stderr) Run(string exe, IReadOnlyList<string> args, IReadOnlyList<string> lines, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(l).Append('\n');
        p.StandardInput.Write(sb.ToString());
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not finish within {timeout}");
        }

        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
