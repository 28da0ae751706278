using Vigil.Core.Seams;

namespace Vigil.Images.Sources;

/// <summary>An image read from a decompressed copy of a compressed tarball; the copy goes when the image is disposed.</summary>
internal sealed class SpooledImage(IImage inner, CompressedTarball.Spool spool) : IImage
{
    public Core.Model.ImageInfo Info => inner.Info;

    public async Task<Stream> OpenLayerAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.OpenLayerAsync(index, cancellationToken).ConfigureAwait(false);
        }
        catch (Core.VigilException e)
        {
            throw spool.Retell(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            spool.Dispose();
        }
    }
}
