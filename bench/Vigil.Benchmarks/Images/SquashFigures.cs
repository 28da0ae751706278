using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.Images.Oci;
using Vigil.Images.Sources;

namespace Vigil.Benchmarks.Images;

/// <summary>
/// Squash throughput and peak memory on a large generated image. Two steps, each its own process so the peak
/// working set of the squash is not the generator's:
///   squash-figures generate DIR [LAYERS] [MIB_PER_LAYER]   writes an OCI layout (gzip layers) to DIR
///   squash-figures squash DIR                              squashes it and prints the figures
/// bench/images-squash.sh runs both.
/// </summary>
public static class SquashFigures
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["generate", var dir, ..]:
                var layers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4;
                var mib = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 128;
                Generate(dir, layers, mib);
                return 0;
            case ["squash", var dir]:
                await SquashAsync(dir);
                return 0;
            default:
                Console.Error.WriteLine("usage: squash-figures generate DIR [LAYERS] [MIB_PER_LAYER] | squash-figures squash DIR");
                return 1;
        }
    }

    private static async Task SquashAsync(string dir)
    {
        var sw = Stopwatch.StartNew();
        await using var image = await ImageOpener.OpenAsync($"oci-dir://{dir}", new ImageOpenOptions(), CancellationToken.None);
        long uncompressed = 0;
        var progress = new SyncProgress(p => { if (p.Done) uncompressed += p.BytesRead; });
        using var tree = await Squasher.SquashAsync(image, p => p == "var/lib/dpkg/status" || p.EndsWith("/METADATA", StringComparison.Ordinal), progress, CancellationToken.None);
        sw.Stop();
        var compressed = image.Info.Layers.Sum(l => l.Size);
        var seconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"layers            {image.Info.Layers.Count}");
        Console.WriteLine($"paths             {((SquashedTree)tree).Count}");
        Console.WriteLine($"compressed_mib    {compressed / 1048576.0:F1}");
        Console.WriteLine($"uncompressed_mib  {uncompressed / 1048576.0:F1}");
        Console.WriteLine($"squash_s          {seconds:F2}");
        Console.WriteLine($"throughput_mib_s  {uncompressed / 1048576.0 / seconds:F1} (uncompressed)");
        Console.WriteLine($"peak_ws_mib       {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F1}");
        Console.WriteLine($"gc_allocated_mib  {GC.GetTotalAllocatedBytes() / 1048576.0:F1}");
    }

    private sealed class SyncProgress(Action<LayerProgress> report) : IProgress<LayerProgress>
    {
        public void Report(LayerProgress value) => report(value);
    }

    /// <summary>Layers of many small files and a few large ones, content compressible about 2:1, with whiteouts.</summary>
    private static void Generate(string dir, int layerCount, int mibPerLayer)
    {
        var blobs = Path.Combine(dir, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var random = new Random(1);
        var chunk = new byte[1 << 20];
        var descriptors = new List<OciDescriptor>();
        var diffIds = new List<string>();
        for (var layer = 0; layer < layerCount; layer++)
        {
            var tmp = Path.Combine(dir, $"layer{layer}.tmp");
            using (var file = File.Create(tmp))
            using (var diff = new HashingStream(file, leaveOpen: true))
            {
                using (var gz = new GZipStream(diff, CompressionLevel.Fastest, leaveOpen: true))
                using (var tarHash = new HashingStream(gz, leaveOpen: true))
                {
                    using (var tar = new TarWriter(tarHash, TarEntryFormat.Pax, leaveOpen: true))
                    {
                        long written = 0;
                        var target = (long)mibPerLayer << 20;
                        for (var i = 0; written < target; i++)
                        {
                            var size = i % 50 == 0 ? 4 << 20 : random.Next(512, 16384);
                            var data = new byte[size];
                            random.NextBytes(data);
                            for (var b = 0; b < data.Length; b++) data[b] &= 0x0f;
                            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"usr/lib/layer{layer}/pkg{i / 100}/file{i}")
                            {
                                DataStream = new MemoryStream(data),
                                ModificationTime = DateTimeOffset.UnixEpoch,
                            });
                            written += size;
                        }
                        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "var/lib/dpkg/status")
                        {
                            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"Package: layer{layer}\nStatus: install ok installed\n")),
                        });
                        if (layer > 0)
                        {
                            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"usr/lib/layer{layer - 1}/pkg0/.wh.file0") { DataStream = new MemoryStream() });
                        }
                    }
                    tarHash.Flush();
                    diffIds.Add(tarHash.Digest.ToString());
                }
                diff.Flush();
                var digest = diff.Digest;
                descriptors.Add(new OciDescriptor(MediaTypes.OciLayerGzip, digest.ToString(), file.Length));
            }
            File.Move(tmp, Path.Combine(blobs, Digest.Parse(descriptors[^1].Digest!).Hex), overwrite: true);
            Console.Error.WriteLine($"layer {layer}: {descriptors[^1].Size / 1048576.0:F1} MiB compressed");
        }
        var config = JsonSerializer.SerializeToUtf8Bytes(new ImageConfig("amd64", "linux", RootFs: new ImageRootFs("layers", diffIds)), OciJsonContext.Default.ImageConfig);
        var configDigest = Write(blobs, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new OciManifest(2, MediaTypes.OciManifest,
            new OciDescriptor(MediaTypes.OciConfig, configDigest.ToString(), config.Length), descriptors), OciJsonContext.Default.OciManifest);
        var manifestDigest = Write(blobs, manifest);
        File.WriteAllBytes(Path.Combine(dir, "index.json"), JsonSerializer.SerializeToUtf8Bytes(new OciManifest(2, MediaTypes.OciIndex,
            Manifests: [new OciDescriptor(MediaTypes.OciManifest, manifestDigest.ToString(), manifest.Length)]), OciJsonContext.Default.OciManifest));
        File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    private static Digest Write(string blobs, byte[] bytes)
    {
        var d = Digest.Sha256(bytes);
        File.WriteAllBytes(Path.Combine(blobs, d.Hex), bytes);
        return d;
    }

    /// <summary>Hashes what is written through it.</summary>
    private sealed class HashingStream(Stream inner, bool leaveOpen) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private Digest? _digest;

        public Digest Digest => _digest ??= Digest.FromSha256Hash(_hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!leaveOpen) inner.Dispose();
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
