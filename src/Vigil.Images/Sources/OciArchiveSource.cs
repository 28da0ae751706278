using Vigil.Core;
using Vigil.Core.Seams;

namespace Vigil.Images.Sources;

/// <summary>A tarred OCI image layout (skopeo oci-archive:, buildah), read in place; image chosen by <c>:TAG</c>.</summary>
public sealed class OciArchiveSource : IImageSource, IReadsTarballs
{
    public string Kind => "oci-archive";

    public IReadOnlyList<string> Prefixes { get; } = ["oci-archive:"];

    public bool Recognizes(string reference)
    {
        reference = PathAndTag.Split(reference, File.Exists).Path;
        if (!File.Exists(reference) || !TarArchiveIndex.LooksLikeTar(reference)) return false;
        try
        {
            var files = TarArchiveIndex.Build(reference, CancellationToken.None);
            return files.Exists("oci-layout") && !files.Exists("manifest.json");
        }
        catch (VigilException)
        {
            return false;
        }
    }

    public Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var (path, tag) = PathAndTag.Split(location, File.Exists);
        var files = TarArchiveIndex.Build(path, cancellationToken);
        return LayoutOpener.OpenAsync(reference, Path.GetFileName(path), Kind, files, tag, options, cancellationToken);
    }
}
