using Vigil.Core.Seams;

namespace Vigil.Images.Sources;

/// <summary>
/// The one registration list of image sources. Order matters for bare references: the first source that
/// recognises one opens it (an OCI layout directory before a plain rootfs; a tar with manifest.json is a docker
/// save before it is an OCI archive). Sources that take non-path references (a registry) belong last.
/// </summary>
public static class ImageSources
{
    public static IReadOnlyList<IImageSource> All { get; } =
    [
        new OciDirSource(),
        new DockerArchiveSource(),
        new OciArchiveSource(),
        new RootFsSource(),
        new Registry.EngineSource(new DockerArchiveSource()),
        new Registry.RegistrySource(),
    ];
}
