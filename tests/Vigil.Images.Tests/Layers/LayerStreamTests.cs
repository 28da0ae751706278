using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.TestKit;
using Vigil.TestKit.Images;
using Xunit;
using static Vigil.Images.Tests.TestImages;

namespace Vigil.Images.Tests.Layers;

/// <summary>Allocation is measured process-wide, so these run alone.</summary>
[CollectionDefinition(nameof(MemoryMeasured), DisableParallelization = true)]
public sealed class MemoryMeasured;

[Collection(nameof(MemoryMeasured))]
public sealed class LayerStreamTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly TempDirectory _dir = new("layerstream");

    public void Dispose() => _dir.Dispose();

    /// <summary>A stream of <paramref name="length"/> bytes repeating a random 4 KiB block, produced on the fly.</summary>
    private static Stream Repeating(long length) => new RepeatingStream(length);

    [Fact]
    public async Task Gzip_bomb_over_the_layer_size_limit_is_refused_naming_the_blob()
    {
        var layout = new ImageBuilder().Layer(l => l.File("zeros", () => new ZeroStream(8 * MiB))).WriteOciLayout(_dir.Combine("bomb"));
        await using var image = await OpenAsync($"oci:{layout}", new ImageOpenOptions(MaxLayerBytes: 2 * MiB));
        Assert.True(image.Info.Layers[0].Size < MiB);
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => Squasher.SquashAsync(image, _ => false, null, Ct),
            image.Info.Layers[0].Digest.ToString(), "decompression bomb");
    }

    [Fact]
    public async Task Layer_expanding_past_the_compression_ratio_is_refused()
    {
        var layout = new ImageBuilder().Layer(l => l.File("zeros", () => new ZeroStream(LayerStream.RatioCheckThreshold + 4 * MiB)))
            .WriteOciLayout(_dir.Combine("ratio"));
        await using var image = await OpenAsync($"oci:{layout}", new ImageOpenOptions(MaxCompressionRatio: 50));
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => ReadAllLayersAsync(image), "50:1", "decompression bomb");
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Layers_stream_without_memory_growing_with_their_size(LayerCompression compression)
    {
        const long size = 48 * MiB;
        var layout = new ImageBuilder().Layer(l => l.File("big", () => Repeating(size)).File("small", "s"), compression)
            .WriteOciLayout(_dir.Combine($"stream-{compression}"));
        await using var image = await OpenAsync($"oci:{layout}", new ImageOpenOptions(MaxCompressionRatio: 1e6));

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var tree = await Squasher.SquashAsync(image, p => p == "small", null, Ct))
        {
            Assert.Equal(size, tree.Find("big")!.Size);
            Assert.Equal("s", ReadText(tree, "small"));
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 16 * MiB, $"squashing a {size / MiB} MiB layer allocated {allocated / MiB} MiB");
    }

    private sealed class RepeatingStream(long length) : Stream
    {
        private static readonly byte[] Block = MakeBlock();
        private long _position;

        private static byte[] MakeBlock()
        {
            var b = new byte[4096];
            new Random(42).NextBytes(b);
            return b;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = Block[(_position + i) % Block.Length];
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        // TarWriter needs a seekable source to learn the length up front.
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
