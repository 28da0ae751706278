using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Sources;

namespace Vigil.Scanning;

/// <summary>The whole job for one reference: open the image, index it, and (with a store) match it.</summary>
public static class ImageScan
{
    public static Task<IndexReport> IndexReferenceAsync(string reference, ImageOpenOptions options, Scanner scanner,
        IProgress<ScanProgress>? progress, CancellationToken cancellationToken) =>
        IndexReferenceAsync(reference, options, ImageSources.All, scanner, progress, cancellationToken);

    /// <param name="sources">The image sources to try, e.g. <c>ImageSources.All.WithRegistryOptions(…)</c> for credentials and mirrors.</param>
    public static async Task<IndexReport> IndexReferenceAsync(string reference, ImageOpenOptions options, IReadOnlyList<IImageSource> sources,
        Scanner scanner, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ScanProgress("open", 0, 0, 0));
        await using var image = await ImageOpener.OpenAsync(reference, options, sources, cancellationToken);
        return await scanner.IndexAsync(image, progress, cancellationToken);
    }

    public static Task<ScanResult> ScanReferenceAsync(string reference, ImageOpenOptions options, IAdvisoryStore store, Policy policy,
        Scanner scanner, IProgress<ScanProgress>? progress, CancellationToken cancellationToken) =>
        ScanReferenceAsync(reference, options, ImageSources.All, store, policy, scanner, progress, cancellationToken);

    public static async Task<ScanResult> ScanReferenceAsync(string reference, ImageOpenOptions options, IReadOnlyList<IImageSource> sources,
        IAdvisoryStore store, Policy policy, Scanner scanner, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var index = await IndexReferenceAsync(reference, options, sources, scanner, progress, cancellationToken);
        progress?.Report(new ScanProgress("match", 0, 0, 0));
        return await scanner.MatchAsync(index, store, policy, cancellationToken);
    }
}
