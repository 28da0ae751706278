using Vigil.Database;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Scanning.Tests;

/// <summary>A real SQLite database imported from samples/feeds once for the test class.</summary>
public sealed class SampleDatabaseFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("vigil-sampledb");

    public string Path => _dir.Combine("vigil.db");

    public AdvisoryDatabase Db { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await DatabaseImporter.ImportAsync(Path, SampleFeeds.All, Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
        Db = await AdvisoryDatabase.OpenAsync(Path, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        _dir.Dispose();
    }
}
