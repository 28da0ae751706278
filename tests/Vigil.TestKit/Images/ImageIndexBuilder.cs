using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Images.Oci;

namespace Vigil.TestKit.Images;

/// <summary>
/// A multi-platform image: an OCI image index, or a Docker manifest list with <see cref="Style"/> Docker.
/// <code>
/// var index = new ImageIndexBuilder()
///     .Add(new ImageBuilder().Platform("linux/amd64").Layer(l => l.File("arch", "amd64")))
///     .Add(new ImageBuilder().Platform("linux/arm64/v8").Layer(l => l.File("arch", "arm64")));
/// index.WriteOciLayout(dir.Combine("multi"), tag: "1.0");
/// </code>
/// </summary>
public sealed class ImageIndexBuilder
{
    private readonly List<ImageBuilder> _images = [];
    private ManifestStyle _style = ManifestStyle.Oci;
    private bool _attestation;

    public ImageIndexBuilder Add(ImageBuilder image)
    {
        _images.Add(image);
        return this;
    }

    public ImageIndexBuilder Style(ManifestStyle style)
    {
        _style = style;
        return this;
    }

    /// <summary>Adds an "unknown/unknown" attestation entry, as docker buildx does; it is not a platform.</summary>
    public ImageIndexBuilder WithAttestation()
    {
        _attestation = true;
        return this;
    }

    internal (byte[] Bytes, Digest Digest, string MediaType, List<BuiltImage> Images) Build(string staging)
    {
        var images = _images.Select(i => i.Build(staging)).ToList();
        var entries = images.Select(i => new OciDescriptor(i.ManifestMediaType, i.ManifestDigest.ToString(), i.ManifestBytes.Length,
            Platform: new OciPlatform(i.Platform.Architecture, i.Platform.Os, i.Platform.Variant))).ToList();
        if (_attestation && images.Count > 0)
        {
            entries.Add(new OciDescriptor(MediaTypes.OciManifest, images[0].ManifestDigest.ToString(), images[0].ManifestBytes.Length,
                new Dictionary<string, string> { ["vnd.docker.reference.type"] = "attestation-manifest" },
                new OciPlatform("unknown", "unknown")));
        }
        var mediaType = _style == ManifestStyle.Docker ? MediaTypes.DockerManifestList : MediaTypes.OciIndex;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new OciManifest(2, mediaType, Manifests: entries), OciJsonContext.Default.OciManifest);
        return (bytes, Digest.Sha256(bytes), mediaType, images);
    }

    public string WriteOciLayout(string directory, string? tag = "latest") => new OciLayoutBuilder().Add(tag, this).WriteDirectory(directory);

    public string WriteOciArchive(string path, string? tag = "latest") => new OciLayoutBuilder().Add(tag, this).WriteArchive(path);
}
