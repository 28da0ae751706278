using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>
/// Finds packages of one kind. Its Id and Version are part of any cache key over its output:
/// bump Version whenever the output for the same input changes.
/// </summary>
public interface ICataloger
{
    string Id { get; }

    int Version { get; }

    /// <summary>The package types it produces (purl types).</summary>
    IReadOnlyList<string> PackageTypes { get; }

    /// <summary>Whether the file at this root-relative path must have its content kept for <see cref="CatalogAsync"/>.</summary>
    bool IsRequired(string path);

    /// <summary>
    /// Reads the tree. A database that exists but cannot be read throws <see cref="CatalogException"/>;
    /// the pipeline turns it into a scan-incomplete warning instead of silently reporting nothing.
    /// </summary>
    IAsyncEnumerable<Package> CatalogAsync(CatalogContext context, CancellationToken cancellationToken);
}

/// <summary>What a cataloger reads, and where it reports trouble that is not fatal.</summary>
/// <param name="Warn">Receives problems such as a malformed entry skipped; a warning with Incomplete=true makes the scan incomplete.</param>
public sealed record CatalogContext(IFileTree Files, Distro? Distro, Action<ScanWarning>? Warn = null)
{
    public void Report(ScanWarning warning) => Warn?.Invoke(warning);
}

/// <summary>A package database that exists but could not be read.</summary>
public sealed class CatalogException(string catalogerId, string path, string message, Exception? inner = null)
    : VigilException(ErrorKind.InvalidInput, $"{path}: {message}",
        $"the {catalogerId} package database in the image is damaged; rebuild the image or report the file", inner)
{
    public string CatalogerId { get; } = catalogerId;

    public string Path { get; } = path;
}
