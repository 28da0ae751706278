using System.Diagnostics;

namespace Vigil.TestKit.Cli;

/// <summary>The result of running the real vigil executable.</summary>
public sealed record VigilRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the built vigil (vigil.dll beside the test assembly) as a separate process, as CI users do.</summary>
public static class VigilProcess
{
    public static async Task<VigilRun> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? stdin = null, CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("vigil.dll is not beside the tests: reference src/Vigil.Cli from the test project", dll);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
        {
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new VigilRun(process.ExitCode, await stdout, await stderr);
    }

    public static Task<VigilRun> RunAsync(params string[] args) => RunAsync(args, null, null, CancellationToken.None);
}
