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

    [Fact]
    public async Task Gzip_bomb_over_the_layer_size_limit_is_refused_naming_the_blob()
    {
        var layout = new ImageBuilder().Layer(l => l.File("zeros", () => GeneratedStream.Zeros(8 * MiB))).WriteOciLayout(_dir.Combine("bomb"));
        await using var image = await OpenAsync($"oci:{layout}", new ImageOpenOptions(MaxLayerBytes: 2 * MiB));
        Assert.True(image.Info.Layers[0].Size < MiB);
        await ThrowsVigilAsync(ErrorKind.InvalidInput, () => Squasher.SquashAsync(image, _ => false, null, Ct),
            image.Info.Layers[0].Digest.ToString(), "decompression bomb");
    }

    [Fact]
    public async Task Layer_expanding_past_the_compression_ratio_is_refused()
    {
        var layout = new ImageBuilder().Layer(l => l.File("zeros", () => GeneratedStream.Zeros(LayerStream.RatioCheckThreshold + 4 * MiB)))
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
        var layout = new ImageBuilder().Layer(l => l.File("big", () => GeneratedStream.Noise(size)).File("small", "s"), compression)
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
}
