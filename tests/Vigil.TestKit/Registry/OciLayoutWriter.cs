using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Core.Model;

namespace Vigil.TestKit.Registry;

/// <summary>An image written into a layout: what a test asserts a pull against.</summary>
public sealed record WrittenImage(Digest ManifestDigest, long ManifestSize, Digest ConfigDigest, IReadOnlyList<Digest> LayerDigests, IReadOnlyList<Digest> DiffIds, Platform Platform);

/// <summary>
/// Writes a small, real OCI image layout (oci-layout, index.json, blobs/sha256/…) from fixture directories:
/// each directory becomes one gzip layer, deterministic (sorted, fixed times), so skopeo can push it anywhere.
/// </summary>
public sealed class OciLayoutWriter
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<(string Tag, string MediaType, Digest Digest, long Size)> _refs = [];

    public OciLayoutWriter(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    public string Directory { get; }

    /// <summary>Adds an image whose layers are the given directories, bottom first.</summary>
    public WrittenImage AddImage(Platform platform, params string[] layerDirectories)
    {
        var layers = new List<(Digest Digest, long Size, Digest DiffId)>();
        foreach (var dir in layerDirectories)
        {
            var tar = TarOf(dir);
            var gz = Gzip(tar);
            layers.Add((WriteBlob(gz), gz.Length, Digest.Sha256(tar)));
        }

        var config = Json(w =>
        {
            w.WriteString("architecture", platform.Architecture);
            w.WriteString("os", platform.Os);
            if (platform.Variant is not null) w.WriteString("variant", platform.Variant);
            w.WriteString("created", "2024-01-01T00:00:00Z");
            w.WriteStartObject("config");
            w.WriteStartArray("Env"); w.WriteStringValue("PATH=/usr/bin:/bin"); w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("rootfs");
            w.WriteString("type", "layers");
            w.WriteStartArray("diff_ids");
            foreach (var l in layers) w.WriteStringValue(l.DiffId.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("history");
            foreach (var dir in layerDirectories)
            {
                w.WriteStartObject();
                w.WriteString("created", "2024-01-01T00:00:00Z");
                w.WriteString("created_by", $"COPY {Path.GetFileName(dir)} /");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        var configDigest = WriteBlob(config);

        var manifest = Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            WriteDescriptor(w, "config", "application/vnd.oci.image.config.v1+json", configDigest, config.Length);
            w.WriteStartArray("layers");
            foreach (var l in layers) WriteDescriptor(w, null, "application/vnd.oci.image.layer.v1.tar+gzip", l.Digest, l.Size);
            w.WriteEndArray();
        });
        var manifestDigest = WriteBlob(manifest);
        return new WrittenImage(manifestDigest, manifest.Length, configDigest, layers.Select(l => l.Digest).ToList(), layers.Select(l => l.DiffId).ToList(), platform);
    }

    /// <summary>Adds an OCI index over images (a multi-arch image) and returns its digest and size.</summary>
    public (Digest Digest, long Size) AddIndex(params WrittenImage[] images)
    {
        var index = Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.index.v1+json");
            w.WriteStartArray("manifests");
            foreach (var image in images)
            {
                w.WriteStartObject();
                w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
                w.WriteString("digest", image.ManifestDigest.ToString());
                w.WriteNumber("size", image.ManifestSize);
                w.WriteStartObject("platform");
                w.WriteString("architecture", image.Platform.Architecture);
                w.WriteString("os", image.Platform.Os);
                if (image.Platform.Variant is not null) w.WriteString("variant", image.Platform.Variant);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        return (WriteBlob(index), index.Length);
    }

    public void Tag(string tag, WrittenImage image) => _refs.Add((tag, "application/vnd.oci.image.manifest.v1+json", image.ManifestDigest, image.ManifestSize));

    public void Tag(string tag, (Digest Digest, long Size) index) => _refs.Add((tag, "application/vnd.oci.image.index.v1+json", index.Digest, index.Size));

    /// <summary>Writes index.json naming every tag; call after the last Tag.</summary>
    public void Save()
    {
        var index = Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteStartArray("manifests");
            foreach (var r in _refs)
            {
                w.WriteStartObject();
                w.WriteString("mediaType", r.MediaType);
                w.WriteString("digest", r.Digest.ToString());
                w.WriteNumber("size", r.Size);
                w.WriteStartObject("annotations");
                w.WriteString("org.opencontainers.image.ref.name", r.Tag);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        File.WriteAllBytes(Path.Combine(Directory, "index.json"), index);
    }

    public string BlobPath(Digest digest) => Path.Combine(Directory, "blobs", digest.Algorithm, digest.Hex);

    private Digest WriteBlob(byte[] bytes)
    {
        var digest = Digest.Sha256(bytes);
        File.WriteAllBytes(BlobPath(digest), bytes);
        return digest;
    }

    private static void WriteDescriptor(Utf8JsonWriter w, string? name, string mediaType, Digest digest, long size)
    {
        if (name is null) w.WriteStartObject(); else w.WriteStartObject(name);
        w.WriteString("mediaType", mediaType);
        w.WriteString("digest", digest.ToString());
        w.WriteNumber("size", size);
        w.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    /// <summary>A tar of the directory's tree, paths relative to it, sorted, with fixed owners and times.</summary>
    public static byte[] TarOf(string directory)
    {
        using var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            var root = Path.GetFullPath(directory);
            var entries = System.IO.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                .Order(StringComparer.Ordinal);
            foreach (var rel in entries)
            {
                var full = Path.Combine(root, rel);
                if (System.IO.Directory.Exists(full))
                {
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, rel + "/") { ModificationTime = Epoch, Mode = (UnixFileMode)Convert.ToInt32("755", 8) });
                    continue;
                }
                var data = File.ReadAllBytes(full);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, rel)
                {
                    ModificationTime = Epoch,
                    Mode = (UnixFileMode)Convert.ToInt32("644", 8),
                    DataStream = new MemoryStream(data),
                });
            }
        }
        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    /// <summary>sha256 of a file, streamed.</summary>
    public static Digest FileDigest(string path)
    {
        using var f = File.OpenRead(path);
        return Digest.FromSha256Hash(SHA256.HashData(f));
    }

}
