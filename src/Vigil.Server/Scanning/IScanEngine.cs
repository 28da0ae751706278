using Vigil.Core.Model;
using Vigil.Images.Oci;

namespace Vigil.Server.Scanning;

/// <summary>One image in the store to index: the manifest picked for the platform, read through the store's blob source.</summary>
public sealed record ScanTarget(string Repository, string? Tag, Digest ManifestDigest, Digest? IndexDigest, Platform Platform, IBlobSource Blobs, ManifestContent Manifest);

/// <summary>
/// The server's seam onto the scan pipeline: index once per manifest, match as often as the database changes.
/// The default is <see cref="PipelineScanEngine"/>; tests and embedders may pass their own.
/// </summary>
public interface IScanEngine
{
    /// <summary>Catalogues the image: the durable, database-independent half of a scan.</summary>
    Task<IndexReport> IndexAsync(ScanTarget target, CancellationToken cancellationToken);

    /// <summary>Matches a stored index against the current vulnerability database.</summary>
    Task<ScanResult> MatchAsync(IndexReport index, CancellationToken cancellationToken);

    /// <summary>The current database, or null when there is none yet (scans then fail with a clear error).</summary>
    Task<DatabaseInfo?> GetDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Imports advisories from a file or directory into the server's database.</summary>
    Task<DatabaseInfo> ImportAsync(string path, CancellationToken cancellationToken);
}
