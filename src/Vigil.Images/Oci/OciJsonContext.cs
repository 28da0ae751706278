using System.Text.Json.Serialization;

namespace Vigil.Images.Oci;

/// <summary>Source-generated serialisation for every image document Vigil reads or writes.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciDescriptor))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(IReadOnlyList<DockerArchiveManifest>))]
[JsonSerializable(typeof(List<DockerArchiveManifest>))]
public sealed partial class OciJsonContext : JsonSerializerContext;
