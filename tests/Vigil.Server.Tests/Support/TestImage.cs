using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Model;
using Vigil.TestKit;

namespace Vigil.Server.Tests.Support;

/// <summary>A blob with its digest.</summary>
public sealed record Blob(byte[] Bytes, string MediaType)
{
    public Digest Digest { get; } = Digest.Sha256(Bytes);

    public string Descriptor => $$"""{"mediaType":"{{MediaType}}","digest":"{{Digest}}","size":{{Bytes.Length}}}""";
}

/// <summary>
/// A small real image made from fixture files: one gzip layer holding tests/fixtures/server/rootfs (plus an optional
/// marker file so images can differ), an OCI config with its DiffID, and an OCI manifest.
/// </summary>
public sealed record TestImage(Blob Config, IReadOnlyList<Blob> Layers, Blob Manifest)
{
    public const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    public static TestImage Build(string marker = "")
    {
        var tar = LayerTar(RepoPaths.Fixture("server", "rootfs"), marker);
        var diffId = Digest.Sha256(tar);
        var gz = Gzip(tar);
        var layer = new Blob(gz, "application/vnd.oci.image.layer.v1.tar+gzip");
        var config = new Blob(Encoding.UTF8.GetBytes($$"""
            {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["{{diffId}}"]},"history":[{"created_by":"vigil test image {{marker}}"}]}
            """.Trim()), "application/vnd.oci.image.config.v1+json");
        var manifest = new Blob(Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{ManifestType}}","config":{{config.Descriptor}},"layers":[{{layer.Descriptor}}]}"""), ManifestType);
        return new TestImage(config, [layer], manifest);
    }

    /// <summary>Writes the image as an OCI layout at <paramref name="dir"/> with <paramref name="tag"/>, for skopeo's oci: transport.</summary>
    public void WriteLayout(string dir, string tag)
    {
        Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256"));
        foreach (var b in Layers.Append(Config).Append(Manifest)) File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", b.Digest.Hex), b.Bytes);
        File.WriteAllText(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(dir, "index.json"),
            $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{{ManifestType}}}","digest":"{{{Manifest.Digest}}}","size":{{{Manifest.Bytes.Length}}},"annotations":{"org.opencontainers.image.ref.name":"{{{tag}}}"}}]}""");
    }

    private static byte[] LayerTar(string root, string marker)
    {
        using var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
                var e = new PaxTarEntry(TarEntryType.RegularFile, rel) { DataStream = new MemoryStream(File.ReadAllBytes(file)), ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0b110_100_100 };
                w.WriteEntry(e);
            }
            if (marker.Length > 0)
            {
                w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/vigil-test-marker") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(marker)), ModificationTime = DateTimeOffset.UnixEpoch });
            }
        }
        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    public static byte[] RandomBytes(int n) => RandomNumberGenerator.GetBytes(n);
}
