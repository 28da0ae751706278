using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Images.Oci;

namespace Vigil.TestKit.Images;

/// <summary>Which manifest family an <see cref="ImageBuilder"/> writes.</summary>
public enum ManifestStyle
{
    Oci,
    Docker,
}

/// <summary>The two shapes of a <c>docker save</c> tarball.</summary>
public enum DockerArchiveLayout
{
    /// <summary>manifest.json, CONFIG.json, ID/layer.tar (docker before 25, skopeo docker-archive).</summary>
    Classic,
    /// <summary>An OCI layout (oci-layout, index.json, blobs/) plus manifest.json, as docker 25+ writes.</summary>
    OciInTar,
}

/// <summary>
/// Builds a small, real image from <see cref="LayerBuilder"/> layers and writes it as an OCI layout, an OCI archive,
/// a docker-save tarball (classic or OCI-in-tar) or an unpacked root filesystem.
/// <code>
/// using var dir = new TempDirectory();
/// var image = new ImageBuilder()
///     .Platform("linux/arm64/v8")
///     .Layer(l => l.FileFromFixture("var/lib/dpkg/status", "images/files/dpkg-status"), createdBy: "debootstrap")
///     .EmptyHistory("ENV LANG=C.UTF-8")
///     .Layer(l => l.Whiteout("etc/motd"), LayerCompression.Zstd);
/// var path = image.WriteOciLayout(dir.Combine("layout"), tag: "1.0");   // then open "oci:" + path + ":1.0"
/// </code>
/// The knobs named With…/As… break the image on purpose (wrong digest, truncated blob, unknown media type, schema 1,
/// malformed JSON) for bad-input tests. Layer files are staged on disk, so large generated layers do not sit in memory.
/// </summary>
public sealed class ImageBuilder
{
    private readonly List<(LayerBuilder Layer, LayerCompression Compression)> _layers = [];
    private readonly List<ImageHistory> _history = [];
    private Platform _platform = Vigil.Core.Model.Platform.Default;
    private ManifestStyle _style = ManifestStyle.Oci;
    private readonly HashSet<int> _wrongDigest = [];
    private readonly HashSet<int> _wrongDiffId = [];
    private readonly Dictionary<int, long> _truncate = [];
    private readonly Dictionary<int, string> _layerMediaType = [];
    private string? _manifestMediaType;
    private string? _configMediaType;
    private bool _schema1;
    private bool _malformedManifest;
    private bool _malformedConfig;

    public Platform ImagePlatform => _platform;

    /// <summary>os/arch[/variant]; linux/amd64 unless set.</summary>
    public ImageBuilder Platform(string platform)
    {
        _platform = Vigil.Core.Model.Platform.Parse(platform);
        return this;
    }

    public ImageBuilder Style(ManifestStyle style)
    {
        _style = style;
        return this;
    }

    public ImageBuilder Layer(LayerBuilder layer, LayerCompression compression = LayerCompression.Gzip, string? createdBy = null)
    {
        _layers.Add((layer, compression));
        _history.Add(new ImageHistory(CreatedBy: createdBy ?? layer.CreatedBy ?? $"layer {_layers.Count - 1}"));
        return this;
    }

    public ImageBuilder Layer(Action<LayerBuilder> build, LayerCompression compression = LayerCompression.Gzip, string? createdBy = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        var layer = new LayerBuilder();
        build(layer);
        return Layer(layer, compression, createdBy);
    }

    /// <summary>A history line with no layer (ENV, CMD …), placed before the next layer.</summary>
    public ImageBuilder EmptyHistory(string createdBy)
    {
        _history.Add(new ImageHistory(CreatedBy: createdBy, EmptyLayer: true));
        return this;
    }

    /// <summary>The manifest gives layer <paramref name="index"/> a digest its bytes do not have (the blob is stored under it).</summary>
    public ImageBuilder WithWrongLayerDigest(int index) { _wrongDigest.Add(index); return this; }

    /// <summary>The config gives layer <paramref name="index"/> a DiffID its tar does not have.</summary>
    public ImageBuilder WithWrongDiffId(int index) { _wrongDiffId.Add(index); return this; }

    /// <summary>The stored blob of layer <paramref name="index"/> keeps only its first <paramref name="keepBytes"/> bytes (half when negative).</summary>
    public ImageBuilder WithTruncatedLayer(int index, long keepBytes = -1) { _truncate[index] = keepBytes; return this; }

    public ImageBuilder WithLayerMediaType(int index, string mediaType) { _layerMediaType[index] = mediaType; return this; }

    public ImageBuilder WithManifestMediaType(string mediaType) { _manifestMediaType = mediaType; return this; }

    public ImageBuilder WithConfigMediaType(string mediaType) { _configMediaType = mediaType; return this; }

    /// <summary>Writes a Docker schema 1 manifest instead (which Vigil refuses).</summary>
    public ImageBuilder AsSchema1() { _schema1 = true; return this; }

    /// <summary>The manifest is cut off mid-JSON.</summary>
    public ImageBuilder WithMalformedManifest() { _malformedManifest = true; return this; }

    /// <summary>The config is cut off mid-JSON.</summary>
    public ImageBuilder WithMalformedConfig() { _malformedConfig = true; return this; }

    /// <summary>Builds the blobs into <paramref name="staging"/> (a folder the caller owns).</summary>
    public BuiltImage Build(string staging)
    {
        Directory.CreateDirectory(staging);
        var id = Guid.NewGuid().ToString("N")[..8];
        var layers = new List<BuiltLayer>();
        for (var i = 0; i < _layers.Count; i++)
        {
            var (layer, compression) = _layers[i];
            var tarPath = Path.Combine(staging, $"{id}-layer{i}.tar");
            var blobPath = Path.Combine(staging, $"{id}-layer{i}.blob");
            using (var tar = File.Create(tarPath)) layer.WriteTar(tar);
            using (var blob = File.Create(blobPath)) layer.Write(blob, compression);
            var diffId = HashFile(tarPath);
            var digest = HashFile(blobPath);
            var size = new FileInfo(blobPath).Length;
            if (_wrongDiffId.Contains(i)) diffId = Digest.Sha256(System.Text.Encoding.UTF8.GetBytes($"not the diffid of layer {i}"));
            if (_wrongDigest.Contains(i)) digest = Digest.Sha256(System.Text.Encoding.UTF8.GetBytes($"not the digest of layer {i}"));
            long? truncatedTo = null;
            if (_truncate.TryGetValue(i, out var keep))
            {
                truncatedTo = keep < 0 ? size / 2 : keep;
                using var f = new FileStream(blobPath, FileMode.Open);
                f.SetLength(truncatedTo.Value);
            }
            var mediaType = _layerMediaType.TryGetValue(i, out var mt) ? mt : LayerMediaType(compression);
            layers.Add(new BuiltLayer(digest, diffId, size, mediaType, blobPath, tarPath, truncatedTo));
        }

        var config = new ImageConfig(_platform.Architecture, _platform.Os, _platform.Variant,
            new ImageRootFs("layers", layers.Select(l => l.DiffId.ToString()).ToList()), _history);
        var configBytes = JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.ImageConfig);
        if (_malformedConfig) configBytes = configBytes[..(configBytes.Length / 2)];
        var configDigest = Digest.Sha256(configBytes);

        var docker = _style == ManifestStyle.Docker;
        var manifestMediaType = _manifestMediaType ?? (docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest);
        byte[] manifestBytes;
        if (_schema1)
        {
            manifestMediaType = MediaTypes.DockerSchema1Signed;
            manifestBytes = File.ReadAllBytes(RepoPaths.Fixture("images", "manifests", "schema1.json"));
        }
        else
        {
            var manifest = new OciManifest(2, manifestMediaType,
                new OciDescriptor(_configMediaType ?? (docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig), configDigest.ToString(), configBytes.Length),
                layers.Select(l => new OciDescriptor(l.MediaType, l.Digest.ToString(), l.Size)).ToList());
            manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.OciManifest);
        }
        if (_malformedManifest) manifestBytes = manifestBytes[..(manifestBytes.Length / 2)];
        return new BuiltImage(manifestBytes, Digest.Sha256(manifestBytes), manifestMediaType, configBytes, configDigest, _platform, layers);
    }

    private string LayerMediaType(LayerCompression compression) => (_style, compression) switch
    {
        (ManifestStyle.Docker, LayerCompression.None) => MediaTypes.DockerLayer,
        (ManifestStyle.Docker, LayerCompression.Gzip) => MediaTypes.DockerLayerGzip,
        (ManifestStyle.Docker, LayerCompression.Zstd) => MediaTypes.DockerLayerZstd,
        (_, LayerCompression.None) => MediaTypes.OciLayer,
        (_, LayerCompression.Gzip) => MediaTypes.OciLayerGzip,
        _ => MediaTypes.OciLayerZstd,
    };

    internal static Digest HashFile(string path)
    {
        using var f = File.OpenRead(path);
        return Digest.FromSha256Hash(SHA256.HashData(f));
    }

    /// <summary>Writes an OCI layout directory holding this image under <paramref name="tag"/>; returns the directory.</summary>
    public string WriteOciLayout(string directory, string? tag = "latest") =>
        new OciLayoutBuilder().Add(tag, this).WriteDirectory(directory);

    /// <summary>Writes a tarred OCI layout (as skopeo's oci-archive:); returns the file.</summary>
    public string WriteOciArchive(string path, string? tag = "latest") =>
        new OciLayoutBuilder().Add(tag, this).WriteArchive(path);

    /// <summary>Writes a docker-save tarball; <paramref name="repoTag"/> is the RepoTags entry (e.g. "example/app:1.0").</summary>
    public string WriteDockerArchive(string path, DockerArchiveLayout layout = DockerArchiveLayout.Classic, string repoTag = "example/app:latest") =>
        new OciLayoutBuilder().Add(repoTag, this).WriteDockerArchive(path, layout);

    /// <summary>Writes the squashed files as a plain directory (whiteouts applied, symlinks as host symlinks); returns it.</summary>
    public string WriteRootFs(string directory)
    {
        RootFsWriter.Write(directory, _layers.Select(l => l.Layer));
        return directory;
    }
}
