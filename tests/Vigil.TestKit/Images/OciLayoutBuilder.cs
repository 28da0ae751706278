using System.Formats.Tar;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Images.Oci;

namespace Vigil.TestKit.Images;

/// <summary>
/// Writes several images and indexes, each under its tag, into one OCI layout (directory or tarball) or a
/// docker-save tarball. A null tag writes an entry without <c>org.opencontainers.image.ref.name</c>.
/// <code>
/// new OciLayoutBuilder().Add("1.0", imageA).Add("2.0", multiPlatformIndex).WriteDirectory(dir.Combine("layout"));
/// </code>
/// </summary>
public sealed class OciLayoutBuilder
{
    private readonly List<(string? Tag, ImageBuilder? Image, ImageIndexBuilder? Index)> _items = [];

    public OciLayoutBuilder Add(string? tag, ImageBuilder image)
    {
        _items.Add((tag, image, null));
        return this;
    }

    public OciLayoutBuilder Add(string? tag, ImageIndexBuilder index)
    {
        _items.Add((tag, null, index));
        return this;
    }

    private sealed record Staged(List<(Digest Digest, Func<Stream> Open)> Blobs, List<OciDescriptor> Entries, List<(string? Tag, BuiltImage Image)> Images);

    private Staged Stage(string staging, Func<string?, Dictionary<string, string>?> annotate)
    {
        var blobs = new List<(Digest, Func<Stream>)>();
        var entries = new List<OciDescriptor>();
        var images = new List<(string?, BuiltImage)>();
        foreach (var (tag, image, index) in _items)
        {
            if (image is not null)
            {
                var built = image.Build(staging);
                blobs.AddRange(built.Blobs());
                entries.Add(new OciDescriptor(built.ManifestMediaType, built.ManifestDigest.ToString(), built.ManifestBytes.Length, annotate(tag)));
                images.Add((tag, built));
            }
            else
            {
                var (bytes, digest, mediaType, built) = index!.Build(staging);
                blobs.Add((digest, () => new MemoryStream(bytes, writable: false)));
                foreach (var b in built) blobs.AddRange(b.Blobs());
                entries.Add(new OciDescriptor(mediaType, digest.ToString(), bytes.Length, annotate(tag)));
            }
        }
        return new Staged(blobs, entries, images);
    }

    private static Dictionary<string, string>? RefName(string? tag) =>
        tag is null ? null : new Dictionary<string, string> { [OciDescriptor.RefNameAnnotation] = tag };

    private static byte[] IndexJson(IReadOnlyList<OciDescriptor> entries) =>
        JsonSerializer.SerializeToUtf8Bytes(new OciManifest(2, MediaTypes.OciIndex, Manifests: entries), OciJsonContext.Default.OciManifest);

    private static readonly byte[] OciLayoutFile = "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray();

    public string WriteDirectory(string directory)
    {
        using var staging = new TempDirectory("stage");
        var staged = Stage(staging.Path, RefName);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "oci-layout"), OciLayoutFile);
        File.WriteAllBytes(Path.Combine(directory, "index.json"), IndexJson(staged.Entries));
        foreach (var (digest, open) in staged.Blobs)
        {
            var path = Path.Combine(directory, "blobs", digest.Algorithm, digest.Hex);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var source = open();
            using var target = File.Create(path);
            source.CopyTo(target);
        }
        return directory;
    }

    public string WriteArchive(string path)
    {
        using var staging = new TempDirectory("stage");
        var staged = Stage(staging.Path, RefName);
        using var archive = new ArchiveWriter(path);
        archive.Add("oci-layout", OciLayoutFile);
        archive.Add("index.json", IndexJson(staged.Entries));
        foreach (var (digest, open) in Distinct(staged.Blobs)) archive.Add($"blobs/{digest.Algorithm}/{digest.Hex}", open);
        return path;
    }

    /// <summary>Every tag must be a docker repo:tag ("example/app:1.0"); indexes cannot be saved this way.</summary>
    public string WriteDockerArchive(string path, DockerArchiveLayout layout)
    {
        if (_items.Any(i => i.Index is not null)) throw new InvalidOperationException("docker save writes single-platform images only");
        using var staging = new TempDirectory("stage");
        var staged = Stage(staging.Path, ContainerdNames);
        using var archive = new ArchiveWriter(path);
        var manifests = new List<DockerArchiveManifest>();
        if (layout == DockerArchiveLayout.OciInTar)
        {
            archive.Add("oci-layout", OciLayoutFile);
            archive.Add("index.json", IndexJson(staged.Entries));
            foreach (var (digest, open) in Distinct(staged.Blobs)) archive.Add($"blobs/{digest.Algorithm}/{digest.Hex}", open);
            foreach (var (tag, image) in staged.Images)
            {
                manifests.Add(new DockerArchiveManifest($"blobs/sha256/{image.ConfigDigest.Hex}", tag is null ? [] : [tag],
                    image.Layers.Select(l => $"blobs/sha256/{l.Digest.Hex}").ToList()));
            }
        }
        else
        {
            foreach (var (tag, image) in staged.Images)
            {
                var config = $"{image.ConfigDigest.Hex}.json";
                archive.Add(config, image.ConfigBytes);
                var layers = new List<string>();
                foreach (var l in image.Layers)
                {
                    // Classic docker save stores layers uncompressed, in a folder named after the layer.
                    var name = $"{l.DiffId.Hex}/layer.tar";
                    var tarPath = l.TarPath;
                    archive.Add(name, () => l.TruncatedTo is { } keep ? new TruncatedFile(tarPath, keep) : File.OpenRead(tarPath));
                    layers.Add(name);
                }
                manifests.Add(new DockerArchiveManifest(config, tag is null ? [] : [tag], layers));
            }
        }
        archive.Add("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifests, OciJsonContext.Default.ListDockerArchiveManifest));
        return path;
    }

    private static Dictionary<string, string>? ContainerdNames(string? repoTag)
    {
        if (repoTag is null) return null;
        var colon = repoTag.LastIndexOf(':');
        var tag = colon > repoTag.LastIndexOf('/') ? repoTag[(colon + 1)..] : "latest";
        var full = repoTag.Contains('/', StringComparison.Ordinal) ? $"docker.io/{repoTag}" : $"docker.io/library/{repoTag}";
        return new Dictionary<string, string> { [OciDescriptor.ContainerdNameAnnotation] = full, [OciDescriptor.RefNameAnnotation] = tag };
    }

    private static IEnumerable<(Digest, Func<Stream>)> Distinct(IEnumerable<(Digest Digest, Func<Stream> Open)> blobs)
    {
        var seen = new HashSet<Digest>();
        foreach (var b in blobs)
        {
            if (seen.Add(b.Digest)) yield return b;
        }
    }

    /// <summary>A tar with fixed times and modes, entries streamed from their sources.</summary>
    private sealed class ArchiveWriter(string path) : IDisposable
    {
        private readonly FileStream _file = File.Create(path);
        private TarWriter? _writer;

        private TarWriter Writer => _writer ??= new TarWriter(_file, TarEntryFormat.Pax, leaveOpen: true);

        public void Add(string name, byte[] content) => Add(name, () => new MemoryStream(content, writable: false));

        public void Add(string name, Func<Stream> open)
        {
            using var data = open();
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = LayerBuilder.DefaultFileMode,
                DataStream = data,
            };
            Writer.WriteEntry(entry);
        }

        public void Dispose()
        {
            _writer?.Dispose();
            _file.Dispose();
        }
    }

    /// <summary>The first bytes of a file only.</summary>
    private sealed class TruncatedFile(string path, long keep) : Stream
    {
        private readonly FileStream _inner = File.OpenRead(path);
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, (int)Math.Min(count, keep - _position));
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Math.Min(keep, _inner.Length);
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
