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
            return explicitMatch.Source.OpenAsync(reference, location, options, cancellationToken);
        }

        foreach (var source in sources)
        {
            if (source.Recognizes(reference)) return source.OpenAsync(reference, reference, options, cancellationToken);
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

    private static string DescribeFile(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            var head = new byte[4];
            var n = fs.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) return "gzip-compressed file (decompress a .tar.gz first: tarballs are read in place)";
            if (n == 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd) return "zstd-compressed file (decompress it first: tarballs are read in place)";
        }
        catch (IOException)
        {
        }
        return TarArchiveIndex.LooksLikeTar(path) ? "tarball" : "file";
    }
}
