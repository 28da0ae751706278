using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Images.Registry;

/// <summary>An image from an engine: the docker-archive image, shown as the engine's, deleting its temp tarball on dispose.</summary>
internal sealed class EngineImage(IImage inner, string reference, string name, string kind, string tempFile) : IImage
{
    public ImageInfo Info { get; } = inner.Info with { Reference = reference, Name = name, SourceKind = kind };

    public Task<Stream> OpenLayerAsync(int index, CancellationToken cancellationToken) => inner.OpenLayerAsync(index, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        File.Delete(tempFile);
    }
}
