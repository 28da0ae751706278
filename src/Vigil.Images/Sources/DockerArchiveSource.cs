using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Oci;

namespace Vigil.Images.Sources;

/// <summary>
/// A <c>docker save</c> tarball, read in place. Newer docker writes an OCI layout inside the tar (index.json and
/// blobs/) next to the classic manifest.json: the OCI index is preferred then, as it carries real manifest digests.
/// The classic layout (manifest.json, config JSON, <c>ID/layer.tar</c>) has no manifest, so an equivalent one is
/// built and the image reports no manifest digest.
/// </summary>
public sealed class DockerArchiveSource : IImageSource, IReadsTarballs
{
    public string Kind => "docker-archive";

    public IReadOnlyList<string> Prefixes { get; } = ["archive://", "docker-archive:"];

    public bool Recognizes(string reference)
    {
        reference = PathAndTag.Split(reference, File.Exists).Path;
        if (!File.Exists(reference) || !TarArchiveIndex.LooksLikeTar(reference)) return false;
        try
        {
            return TarArchiveIndex.Build(reference, CancellationToken.None).Exists("manifest.json");
        }
        catch (VigilException)
        {
            return false;
        }
    }

    public async Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var (path, tag) = PathAndTag.Split(location, File.Exists);
        var files = TarArchiveIndex.Build(path, cancellationToken);
        var name = System.IO.Path.GetFileName(path);
        if (files.Exists("index.json") && files.Exists("oci-layout"))
        {
            return await LayoutOpener.OpenAsync(reference, name, Kind, files, tag, options, cancellationToken).ConfigureAwait(false);
        }
        if (!files.Exists("manifest.json"))
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{path} is not a docker save tarball: it has no manifest.json",
                "create it with 'docker save IMAGE -o FILE', or use oci-archive: for an OCI layout tarball");
        }
        return await OpenClassicAsync(reference, name, files, tag, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IImage> OpenClassicAsync(
        string reference, string name, TarArchiveIndex files, string? tag, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var images = await ArchiveJson.ReadAsync(files, "manifest.json", OciJsonContext.Default.ListDockerArchiveManifest, Damaged, cancellationToken).ConfigureAwait(false);
        var image = Select(images, tag, files.Location);
        if (image.Config is null || image.Layers is null)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"manifest.json of {files.Location} names no config or no layers", "the tarball is damaged; run docker save again");
        }

        var blobs = new ClassicBlobSource(files);
        var configDigest = await blobs.AddAsync(image.Config, null, cancellationToken).ConfigureAwait(false);
        var config = await ReadDiffIdsAsync(files, image.Config, cancellationToken).ConfigureAwait(false);
        if (config.Count != image.Layers.Count)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{files.Location}: config {image.Config} lists {config.Count} DiffIDs but manifest.json has {image.Layers.Count} layers",
                "the tarball is damaged; run docker save again");
        }
        var layers = new List<OciDescriptor>();
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var diffId = OciImageResolver.ParseDigest(config[i], $"DiffID {i} of {image.Config} in {files.Location}");
            var digest = await blobs.AddAsync(image.Layers[i], diffId, cancellationToken).ConfigureAwait(false);
            layers.Add(new OciDescriptor(MediaTypes.DockerLayer, digest.ToString(), files.Length(image.Layers[i])));
        }
        var manifest = new OciManifest(2, MediaTypes.DockerManifest,
            new OciDescriptor(MediaTypes.DockerConfig, configDigest.ToString(), files.Length(image.Config)), layers);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.OciManifest);
        var display = tag ?? image.RepoTags?.FirstOrDefault() ?? name;
        return await OciImageResolver.ResolveCoreAsync(reference, display, Kind, blobs, new ManifestContent(bytes, MediaTypes.DockerManifest),
            Digest.Sha256(bytes), options, syntheticManifest: true, cancellationToken).ConfigureAwait(false);
    }

    private static DockerArchiveManifest Select(List<DockerArchiveManifest> images, string? tag, string location)
    {
        if (images.Count == 0)
        {
            throw new VigilException(ErrorKind.NotFound, $"{location} holds no images: manifest.json is empty", "save an image into it with docker save");
        }
        var tags = images.SelectMany(i => i.RepoTags ?? []).ToList();
        if (tag is null)
        {
            if (images.Count == 1) return images[0];
            throw new VigilException(ErrorKind.Usage, $"{location} holds {images.Count} images; say which one: {string.Join(", ", tags)}",
                "append :REPO:TAG to the path, as listed");
        }
        return images.FirstOrDefault(i => (i.RepoTags ?? []).Any(t => t == tag || t.EndsWith("/" + tag, StringComparison.Ordinal) || t.EndsWith(":" + tag, StringComparison.Ordinal) && !tag.Contains(':', StringComparison.Ordinal)))
            ?? throw new VigilException(ErrorKind.NotFound, $"{location} has no image tagged '{tag}'; it has: {string.Join(", ", tags)}", "use one of the listed tags");
    }

    private const string Damaged = "the tarball is damaged; run docker save again";

    private static async Task<IReadOnlyList<string>> ReadDiffIdsAsync(TarArchiveIndex files, string configPath, CancellationToken cancellationToken) =>
        (await ArchiveJson.ReadAsync(files, configPath, OciJsonContext.Default.ImageConfig, Damaged, cancellationToken).ConfigureAwait(false)).RootFs?.DiffIds ?? [];

    /// <summary>Maps the digests of the built manifest to the tarball's file names.</summary>
    private sealed class ClassicBlobSource(TarArchiveIndex files) : IBlobSource
    {
        private readonly Dictionary<Digest, string> _paths = [];

        /// <summary>
        /// Registers a file. Classic layers are uncompressed, so their digest is their DiffID; a compressed one
        /// (some tools write them) is hashed once here, because no manifest records its digest.
        /// </summary>
        public async Task<Digest> AddAsync(string path, Digest? diffId, CancellationToken cancellationToken)
        {
            if (!files.Exists(path))
            {
                throw new VigilException(ErrorKind.NotFound, $"'{path}', named in manifest.json, is missing from {files.Location}",
                    "the tarball is incomplete; run docker save again");
            }
            Digest digest;
            if (diffId is { } d && !await IsCompressedAsync(path, cancellationToken).ConfigureAwait(false))
            {
                digest = d;
            }
            else
            {
                await using var s = files.Open(path);
                using var sha = SHA256.Create();
                digest = Digest.FromSha256Hash(await sha.ComputeHashAsync(s, cancellationToken).ConfigureAwait(false));
            }
            _paths[digest] = path;
            return digest;
        }

        private async Task<bool> IsCompressedAsync(string path, CancellationToken cancellationToken)
        {
            await using var s = files.Open(path);
            var head = new byte[4];
            var n = await s.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return n >= 2 && head[0] == 0x1f && head[1] == 0x8b || n == 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd;
        }

        public Task<Stream> OpenBlobAsync(Digest digest, long? expectedSize, CancellationToken cancellationToken) =>
            Task.FromResult(_paths.TryGetValue(digest, out var p)
                ? files.Open(p)
                : throw new VigilException(ErrorKind.NotFound, $"blob {digest} is not in {files.Location}", "the tarball is incomplete; run docker save again"));

        public Task<ManifestContent> GetManifestAsync(Digest digest, CancellationToken cancellationToken) =>
            throw new VigilException(ErrorKind.NotFound, $"manifest {digest} is not in {files.Location}: a classic docker save holds no manifests");
    }
}
