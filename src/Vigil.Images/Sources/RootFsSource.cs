using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Images.Sources;

/// <summary>
/// An unpacked root filesystem directory. It has no layers: <see cref="Layers.Squasher"/> walks the directory
/// (never following host symlinks) and every path reports layer -1.
/// </summary>
public sealed class RootFsSource : IImageSource
{
    public string Kind => "rootfs";

    public IReadOnlyList<string> Prefixes { get; } = ["fs://", "dir:"];

    public bool Recognizes(string reference) => Directory.Exists(reference) && !File.Exists(Path.Combine(reference, "oci-layout"));

    public Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(location))
        {
            throw new VigilException(ErrorKind.NotFound, $"no such directory: {location}", "give the path of an unpacked root filesystem");
        }
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(location));
        var info = new ImageInfo(reference, Path.GetFileName(full) is { Length: > 0 } n ? n : full, Kind, null, null, null, null, []);
        return Task.FromResult<IImage>(new RootFsImage(info, full));
    }
}

/// <summary>A root filesystem directory as an image with no layers; squash it to read its files.</summary>
public sealed class RootFsImage(ImageInfo info, string rootPath) : IImage
{
    public ImageInfo Info { get; } = info;

    /// <summary>The absolute path of the directory on the host.</summary>
    public string RootPath { get; } = rootPath;

    public Task<Stream> OpenLayerAsync(int index, CancellationToken cancellationToken) =>
        throw new VigilException(ErrorKind.NotFound, $"'{Info.Name}' is a root filesystem and has no layers",
            "use Squasher.SquashAsync to read its files");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
