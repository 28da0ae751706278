using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Oci;

namespace Vigil.Images.Sources;

/// <summary>Opens an image from an OCI image layout (index.json + blobs/), choosing the manifest by tag.</summary>
internal static class LayoutOpener
{
    public static async Task<IImage> OpenAsync(
        string reference, string name, string kind, IArchiveFiles files, string? tag, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        if (!files.Exists("index.json"))
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{files.Location} is not an OCI image layout: it has no index.json",
                "point Vigil at a directory or tarball written by skopeo, buildah, docker or crane in OCI layout format");
        }
        var index = await ArchiveJson.ReadAsync(files, "index.json", OciJsonContext.Default.OciManifest, "the layout is damaged; export the image again", cancellationToken).ConfigureAwait(false);
        var entry = SelectByTag(index.Manifests ?? [], tag, files.Location);
        var digest = OciImageResolver.ParseDigest(entry.Digest, $"index.json of {files.Location}");
        if (entry.MediaType is { } declared && !MediaTypes.IsIndex(declared) && !MediaTypes.IsManifest(declared))
        {
            throw MediaTypes.IsSchema1(declared)
                ? new VigilException(ErrorKind.Unsupported, $"{files.Location}: manifest {digest} is a Docker schema 1 manifest, deprecated since 2017 and not supported",
                    "pull and push the image with a current docker or skopeo to convert it to schema 2 / OCI")
                : new VigilException(ErrorKind.Unsupported, $"{files.Location}: index.json points at {digest} with media type '{declared}', which Vigil does not support",
                    "Vigil reads OCI and Docker v2 images (manifest, index, manifest list); this entry is something else");
        }
        var blobs = new LayoutBlobSource(files);
        var top = await blobs.GetManifestAsync(digest, cancellationToken).ConfigureAwait(false);
        var display = tag is null ? name : $"{name}:{tag}";
        return await OciImageResolver.ResolveAsync(reference, display, kind, blobs, top with { MediaType = entry.MediaType }, digest, options, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// A tag matches <c>org.opencontainers.image.ref.name</c>, or the <c>io.containerd.image.name</c> docker writes
    /// (with or without its docker.io/library/ prefix). No tag: the only manifest, or an error listing the tags.
    /// </summary>
    internal static OciDescriptor SelectByTag(IReadOnlyList<OciDescriptor> entries, string? tag, string location)
    {
        if (entries.Count == 0)
        {
            throw new VigilException(ErrorKind.NotFound, $"{location} holds no images: its index.json lists no manifests", "export an image into it first");
        }
        if (tag is null)
        {
            if (entries.Select(e => e.Digest).Distinct(StringComparer.Ordinal).Count() == 1) return entries[0];
            throw new VigilException(ErrorKind.Usage,
                $"{location} holds {entries.Count} images; say which one: {string.Join(", ", Tags(entries))}",
                $"append :TAG to the path, e.g. {location}:{Tags(entries).FirstOrDefault(t => !t.StartsWith('(')) ?? "latest"}");
        }
        var match = entries.FirstOrDefault(e => Names(e).Any(n => string.Equals(n, tag, StringComparison.Ordinal)));
        return match ?? throw new VigilException(ErrorKind.NotFound,
            $"{location} has no image tagged '{tag}'; it has: {string.Join(", ", Tags(entries))}",
            "use one of the listed tags");
    }

    private static IEnumerable<string> Names(OciDescriptor e)
    {
        if (e.Annotation(OciDescriptor.RefNameAnnotation) is { } refName) yield return refName;
        if (e.Annotation(OciDescriptor.ContainerdNameAnnotation) is { } full)
        {
            yield return full;
            foreach (var prefix in (string[])["docker.io/library/", "docker.io/"])
            {
                if (full.StartsWith(prefix, StringComparison.Ordinal)) yield return full[prefix.Length..];
            }
        }
    }

    private static List<string> Tags(IReadOnlyList<OciDescriptor> entries) =>
        entries.Select(e => e.Annotation(OciDescriptor.RefNameAnnotation) ?? e.Annotation(OciDescriptor.ContainerdNameAnnotation) ?? $"(untagged {e.Digest})").ToList();
}
