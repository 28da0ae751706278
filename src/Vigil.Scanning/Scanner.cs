using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Scanning;

/// <summary>Progress of a scan, for terminals and server status.</summary>
public sealed record ScanProgress(string Stage, int LayerIndex, int LayerCount, long BytesRead);

/// <summary>
/// The scan pipeline: index an image (squash, detect the OS, catalogue) into an <see cref="IndexReport"/>,
/// then match an index against the vulnerability database into a <see cref="ScanResult"/> with its verdict.
/// Matching needs no image: the server re-matches stored indexes when the database changes.
/// </summary>
public sealed class Scanner
{
    public Task<IndexReport> IndexAsync(IImage image, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
        => throw new NotImplementedException("pipeline is being written");

    public Task<ScanResult> MatchAsync(IndexReport index, IAdvisoryStore store, Policy policy, CancellationToken cancellationToken)
        => throw new NotImplementedException("pipeline is being written");
}

/// <summary>The gate: which findings fail the scan.</summary>
/// <param name="FailOn">Fail when a finding has this severity or worse; null never fails on findings.</param>
/// <param name="OnlyFixed">Count only findings with a fix.</param>
public sealed record Policy(Severity? FailOn = null, bool OnlyFixed = false)
{
    public static Policy Default { get; } = new();
}
