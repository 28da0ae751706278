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
        return await scanner.MatchAsync(index, store, Policy.Default, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DatabaseInfo?> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var store = await openStore(cancellationToken).ConfigureAwait(false);
        return store is null ? null : await store.GetInfoAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<DatabaseInfo> ImportAsync(string path, CancellationToken cancellationToken) =>
        import is null
            ? throw new VigilException(ErrorKind.Unsupported, "this server was started without a database importer", "run: vigil db import against the server's database path")
            : import(path, cancellationToken);
}
