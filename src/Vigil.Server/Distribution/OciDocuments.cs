namespace Vigil.Server.Distribution;

/// <summary>The spec's error body: <c>{"errors":[{"code":…,"message":…,"detail":…}]}</c>.</summary>
public sealed record OciErrorBody(IReadOnlyList<OciError> Errors);

public sealed record OciError(string Code, string Message, string? Detail = null);

public sealed record TagList(string Name, IReadOnlyList<string> Tags);

public sealed record CatalogList(IReadOnlyList<string> Repositories);

public sealed record OciDescriptor(string MediaType, string Digest, long Size, string? ArtifactType = null, Dictionary<string, string>? Annotations = null);

public sealed record ReferrersIndex(int SchemaVersion, string MediaType, IReadOnlyList<OciDescriptor> Manifests);

/// <summary>The error codes of the distribution spec.</summary>
public static class OciCodes
{
    public const string BlobUnknown = "BLOB_UNKNOWN";
    public const string BlobUploadInvalid = "BLOB_UPLOAD_INVALID";
    public const string BlobUploadUnknown = "BLOB_UPLOAD_UNKNOWN";
    public const string DigestInvalid = "DIGEST_INVALID";
    public const string ManifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN";
    public const string ManifestInvalid = "MANIFEST_INVALID";
    public const string ManifestUnknown = "MANIFEST_UNKNOWN";
    public const string NameInvalid = "NAME_INVALID";
    public const string NameUnknown = "NAME_UNKNOWN";
    public const string SizeInvalid = "SIZE_INVALID";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Denied = "DENIED";
    public const string Unsupported = "UNSUPPORTED";
}

/// <summary>Media types the registry understands as manifests.</summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    public static bool IsIndex(string mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string mediaType) => mediaType is OciManifest or DockerManifest;

    public static bool IsImageConfig(string mediaType) => mediaType is OciConfig or DockerConfig;

    /// <summary>Layers the registry need not hold (Windows foreign layers, non-distributable OCI layers).</summary>
    public static bool IsForeignLayer(string mediaType) =>
        mediaType.Contains(".foreign.", StringComparison.Ordinal) || mediaType.Contains("nondistributable", StringComparison.Ordinal);
}
