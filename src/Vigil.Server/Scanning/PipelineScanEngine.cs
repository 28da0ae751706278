using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Oci;
using Vigil.Scanning;

namespace Vigil.Server.Scanning;

/// <summary>
/// The real pipeline: <see cref="OciImageResolver"/> over the store, <see cref="Scanner"/> to index and match.
/// The advisory store comes from a factory because the database library opens it from a path.
/// </summary>
public sealed class PipelineScanEngine(Func<CancellationToken, Task<IAdvisoryStore?>> openStore, Func<string, CancellationToken, Task<DatabaseInfo>>? import = null) : IScanEngine
{
    private readonly Scanner scanner = new();

    public async Task<IndexReport> IndexAsync(ScanTarget target, CancellationToken cancellationToken)
    {
        var reference = target.Tag is null ? $"{target.Repository}@{target.ManifestDigest}" : $"{target.Repository}:{target.Tag}";
        await using var image = await OciImageResolver.ResolveAsync(reference, reference, "registry", target.Blobs, target.Manifest, target.ManifestDigest,
            new ImageOpenOptions(target.Platform), cancellationToken).ConfigureAwait(false);
        return await scanner.IndexAsync(image, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScanResult> MatchAsync(IndexReport index, CancellationToken cancellationToken)
    {
        var store = await openStore(cancellationToken).ConfigureAwait(false)
            ?? throw new VigilException(ErrorKind.Database, "the server has no vulnerability database yet", "import one: vigil db import --db DATA/vulndb.sqlite, or POST /api/v0/db/import");
        try
        {
            return await scanner.MatchAsync(index, store, Policy.Default, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (store is IAsyncDisposable d) await d.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task<DatabaseInfo?> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var store = await openStore(cancellationToken).ConfigureAwait(false);
        if (store is null) return null;
        try
        {
            return await store.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (store is IAsyncDisposable d) await d.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The engine over the SQLite database at <paramref name="databasePath"/>. The database is opened per match, so an
    /// import (which renames a new file over the old one) is seen by the next scan without a restart.
    /// </summary>
    public static PipelineScanEngine ForDatabase(string databasePath) => new(
        async ct => File.Exists(databasePath) ? await Vigil.Database.AdvisoryDatabase.OpenAsync(databasePath, ct).ConfigureAwait(false) : null,
        async (source, ct) =>
        {
            await Vigil.Database.DatabaseImporter.ImportAsync(databasePath, [source], Vigil.Ecosystems.Ecosystems.FeedParsers, null, ct).ConfigureAwait(false);
            var db = await Vigil.Database.AdvisoryDatabase.OpenAsync(databasePath, ct).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                return await db.GetInfoAsync(ct).ConfigureAwait(false);
            }
        });

    public Task<DatabaseInfo> ImportAsync(string path, CancellationToken cancellationToken) =>
        import is null
            ? throw new VigilException(ErrorKind.Unsupported, "this server was started without a database importer", "run: vigil db import against the server's database path")
            : import(path, cancellationToken);
}
