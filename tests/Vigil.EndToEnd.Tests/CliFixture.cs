using Vigil.TestKit;
using Vigil.TestKit.Cli;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>A database imported from samples/feeds through the real `vigil db import`, shared by a test class.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("vigil-cli");

    public string DbPath => _dir.Combine("vigil.db");

    public IDictionary<string, string> Env => new Dictionary<string, string> { ["VIGIL_DB"] = DbPath };

    public async ValueTask InitializeAsync()
    {
        var run = await VigilProcess.RunAsync(["db", "import", .. SampleFeeds.All], Env);
        if (run.ExitCode != 0) throw new InvalidOperationException("vigil db import failed: " + run);
    }

    public Task<VigilRun> RunAsync(params string[] args) => VigilProcess.RunAsync(args, Env);

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
