using Vigil.Core;
using Vigil.Core.Seams;

namespace Vigil.Images.Sources;

/// <summary>Opens an image from a reference: an explicit prefix (<c>oci:</c>, <c>archive://</c> …) or a bare path recognised by content.</summary>
public static class ImageOpener
{
    public static Task<IImage> OpenAsync(string reference, ImageOpenOptions options, CancellationToken cancellationToken) =>
        OpenAsync(reference, options, ImageSources.All, cancellationToken);

    public static Task<IImage> OpenAsync(string reference, ImageOpenOptions options, IReadOnlyList<IImageSource> sources, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);

        // The longest prefix wins, so "oci-archive:" is never taken for "oci:".
        var explicitMatch = sources
            .SelectMany(s => s.Prefixes.Select(p => (Source: s, Prefix: p)))
            .Where(x => reference.StartsWith(x.Prefix, StringComparison.Ordinal))
            .OrderByDescending(x => x.Prefix.Length)
            .FirstOrDefault();
        if (explicitMatch.Source is not null)
        {
            var location = reference[explicitMatch.Prefix.Length..];
            if (location.Length == 0)
            {
                throw new VigilException(ErrorKind.Usage, $"'{reference}' names no path after {explicitMatch.Prefix}", $"write {explicitMatch.Prefix}PATH");
            }
            if (explicitMatch.Source is IReadsTarballs && Compressed(location) is { } compressed)
            {
                return OpenSpooledAsync(reference, compressed, [explicitMatch.Source], options, cancellationToken);
            }
            return explicitMatch.Source.OpenAsync(reference, location, options, cancellationToken);
        }

        foreach (var source in sources)
        {
            if (source.Recognizes(reference)) return source.OpenAsync(reference, reference, options, cancellationToken);
        }

        if (Compressed(reference) is { } bare)
        {
            return OpenSpooledAsync(reference, bare, [.. sources.Where(s => s is IReadsTarballs)], options, cancellationToken);
        }

        var prefixes = string.Join(", ", sources.SelectMany(s => s.Prefixes));
        if (!File.Exists(reference) && !Directory.Exists(reference))
        {
            throw new VigilException(ErrorKind.NotFound,
                $"'{reference}' is neither an existing file or directory nor a reference any image source recognises",
                $"check the path, or name the source with a prefix: {prefixes}");
        }
        var what = Directory.Exists(reference) ? "directory" : DescribeFile(reference);
        throw new VigilException(ErrorKind.Unsupported,
            $"'{reference}' is a {what} that is not an image Vigil recognises: tried {string.Join(", ", sources.Select(s => s.Kind))}",
            $"a docker save tarball needs manifest.json, an OCI layout needs oci-layout and index.json; or name the source with a prefix: {prefixes}");
    }

    private sealed record CompressedLocation(string Path, string? Tag, string Compression);

    private static CompressedLocation? Compressed(string location)
    {
        var (path, tag) = PathAndTag.Split(location, File.Exists);
        return CompressedTarball.CompressionOf(path) is { } compression && CompressedTarball.MayBeTarball(path, compression)
            ? new CompressedLocation(path, tag, compression)
            : null;
    }

    /// <summary>Decompresses a gzip or zstd image tarball once, then opens it with the first of <paramref name="candidates"/> that reads it.</summary>
    private static async Task<IImage> OpenSpooledAsync(
        string reference, CompressedLocation compressed, IReadOnlyList<IImageSource> candidates, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var spool = await CompressedTarball.SpoolAsync(compressed.Path, compressed.Compression, options, cancellationToken).ConfigureAwait(false);
        try
        {
            var location = compressed.Tag is null ? spool.TarPath : $"{spool.TarPath}:{compressed.Tag}";
            var source = candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(c => c.Recognizes(location));
            if (source is null)
            {
                throw new VigilException(ErrorKind.Unsupported,
                    $"'{compressed.Path}' is a {compressed.Compression}-compressed file that holds no image tarball Vigil recognises: tried {string.Join(", ", candidates.Select(c => c.Kind))}",
                    "a docker save tarball needs manifest.json, an OCI archive needs oci-layout and index.json");
            }
            var image = await source.OpenAsync(reference, location, options, cancellationToken).ConfigureAwait(false);
            return new SpooledImage(image, spool);
        }
        catch (VigilException e)
        {
            spool.Dispose();
            throw spool.Retell(e);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private static string DescribeFile(string path) =>
        CompressedTarball.CompressionOf(path) is { } compression ? $"{compression}-compressed file"
        : TarArchiveIndex.LooksLikeTar(path) ? "tarball" : "file";
}
