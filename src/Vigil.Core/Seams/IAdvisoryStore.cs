using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>One advisory's statement about one package. <see cref="Advisory"/>.Affected may be left empty by the store.</summary>
public sealed record AdvisoryHit(Advisory Advisory, AffectedPackage Affected);

/// <summary>Read access to the vulnerability database.</summary>
public interface IAdvisoryStore
{
    /// <summary>Every advisory statement about <paramref name="package"/> in <paramref name="namespace"/> (exact names).</summary>
    Task<IReadOnlyList<AdvisoryHit>> FindAsync(string @namespace, string package, CancellationToken cancellationToken);

    /// <summary>NVD's CVSS scores for a CVE; empty when NVD was not imported or has none.</summary>
    Task<IReadOnlyList<CvssScore>> GetNvdCvssAsync(string cveId, CancellationToken cancellationToken);

    /// <summary>Which namespaces the database holds anything for (e.g. to warn that debian:13 has no data).</summary>
    Task<bool> HasNamespaceAsync(string @namespace, CancellationToken cancellationToken);

    Task<DatabaseInfo> GetInfoAsync(CancellationToken cancellationToken);
}
