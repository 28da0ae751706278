using Vigil.Core.Model;
using Vigil.TestKit;

namespace Vigil.Database.Tests.Import;

/// <summary>One database holding every Debian and Alpine sample, imported once for the class that reads it.</summary>
public sealed class DistroFeedsDatabaseFixture : IAsyncLifetime
{
    public static readonly string[] Sources =
    [
        "testdata/advisories/excerpts/vunnel/debian/input/debian.json",
        "testdata/advisories/debian-tracker-2023-04",
        "testdata/advisories/debian-vuln-list-sample",
        "testdata/advisories/alpine-secdb-vuln-list",
        "testdata/advisories/alpine-secdb-legacy",
    ];

    private readonly TempDirectory _dir = new();

    public string DbPath => _dir.Combine("vigil.db");

    public ImportSummary? Summary { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (SharedData.Root is null)
        {
            SkipReason = "../shared is absent";
            return;
        }
        var paths = Sources.Select(s => Path.Combine(SharedData.Root, s)).ToList();
        Summary = await DatabaseImporter.ImportAsync(DbPath, paths, Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
    }

    public string Require()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
        return DbPath;
    }

    /// <summary>What the parser says about a source, parsed again independently of the database.</summary>
    public static async Task<List<Advisory>> ParseAsync(string relative)
    {
        var path = SharedData.Require(relative);
        var input = FeedInputs.For(path);
        var parser = Ecosystems.Ecosystems.FeedParsers.Single(p => p.Recognizes(input));
        return await FeedInputs.ParseAllAsync(parser, path);
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
