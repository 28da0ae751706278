using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Images.Registry;

/// <summary>~/.docker/config.json, the parts a pull needs.</summary>
public sealed record DockerConfigFile(
    [property: JsonPropertyName("auths")] Dictionary<string, DockerAuthEntry>? Auths,
    [property: JsonPropertyName("credsStore")] string? CredsStore,
    [property: JsonPropertyName("credHelpers")] Dictionary<string, string>? CredHelpers);

/// <summary>One auths entry: "auth" is base64(user:password); docker also accepts the split fields.</summary>
public sealed record DockerAuthEntry(
    [property: JsonPropertyName("auth")] string? Auth,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("identitytoken")] string? IdentityToken,
    [property: JsonPropertyName("registrytoken")] string? RegistryToken);

/// <summary>What docker-credential-* get prints.</summary>
public sealed record CredentialHelperOutput(
    [property: JsonPropertyName("ServerURL")] string? ServerUrl,
    [property: JsonPropertyName("Username")] string? Username,
    [property: JsonPropertyName("Secret")] string? Secret);

/// <summary>A token endpoint's answer; "token" and "access_token" are synonyms in docker's spec.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);

/// <summary>The distribution spec's error body.</summary>
public sealed record RegistryErrorBody([property: JsonPropertyName("errors")] List<RegistryError>? Errors);

public sealed record RegistryError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("detail")] JsonElement? Detail);

/// <summary>Just enough of a manifest to tell its kind when the server's Content-Type is missing or vague.</summary>
public sealed record ManifestProbe(
    [property: JsonPropertyName("schemaVersion")] int? SchemaVersion,
    [property: JsonPropertyName("mediaType")] string? MediaType,
    [property: JsonPropertyName("manifests")] JsonElement? Manifests,
    [property: JsonPropertyName("layers")] JsonElement? Layers,
    [property: JsonPropertyName("fsLayers")] JsonElement? FsLayers);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(DockerConfigFile))]
[JsonSerializable(typeof(CredentialHelperOutput))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(RegistryErrorBody))]
[JsonSerializable(typeof(ManifestProbe))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
