using Vigil.Core;
using Vigil.Core.Seams;

namespace Vigil.Images.Sources;

/// <summary>An OCI image layout directory (<c>oci-layout</c>, index.json, blobs/), image chosen by <c>:TAG</c>.</summary>
public sealed class OciDirSource : IImageSource
{
    public string Kind => "oci-dir";

    public IReadOnlyList<string> Prefixes { get; } = ["oci-dir://", "oci:"];

    public bool Recognizes(string reference)
    {
        var path = PathAndTag.Split(reference, Directory.Exists).Path;
        return Directory.Exists(path) && File.Exists(Path.Combine(path, "oci-layout"));
    }

    public Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var (path, tag) = PathAndTag.Split(location, Directory.Exists);
        if (!Directory.Exists(path))
        {
            throw new VigilException(ErrorKind.NotFound, $"no such directory: {path}", "give the path of an OCI image layout directory");
        }
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return LayoutOpener.OpenAsync(reference, name, Kind, new DirectoryFiles(path), tag, options, cancellationToken);
    }
}
