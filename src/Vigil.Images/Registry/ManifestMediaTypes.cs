namespace Vigil.Images.Registry;

/// <summary>The manifest media types a pull negotiates, and the legacy ones it refuses.</summary>
public static class ManifestMediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>Sent as Accept, in order of preference; schema 1 is left out so a registry that can convert will.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [OciIndex, DockerManifestList, OciManifest, DockerManifest];

    public static bool IsSchema1(string? mediaType) =>
        mediaType is DockerSchema1 or DockerSchema1Signed || (mediaType?.StartsWith("application/vnd.docker.distribution.manifest.v1", StringComparison.Ordinal) ?? false);
}
