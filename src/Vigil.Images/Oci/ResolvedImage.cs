using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Layers;

namespace Vigil.Images.Oci;

/// <summary>An image whose manifest and config are read; layers are streamed from the blob source on demand.</summary>
internal sealed class ResolvedImage(ImageInfo info, IBlobSource blobs, ImageOpenOptions options) : IImage
{
    public ImageInfo Info { get; } = info;

    public async Task<Stream> OpenLayerAsync(int index, CancellationToken cancellationToken)
    {
        if (index < 0 || index >= Info.Layers.Count)
        {
            throw new VigilException(ErrorKind.NotFound, $"'{Info.Name}' has no layer {index}; it has {Info.Layers.Count}");
        }
        var layer = Info.Layers[index];
        var raw = await blobs.OpenBlobAsync(layer.Digest, layer.Size, cancellationToken).ConfigureAwait(false);
        return await LayerStream.OpenAsync(raw, layer.Digest, layer.Size > 0 ? layer.Size : null, layer.DiffId,
            $"layer {index} (blob {layer.Digest}) of '{Info.Name}'", options, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => blobs is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
}
