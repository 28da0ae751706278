using System.Text.Json.Serialization;
using Vigil.Server.Auth;
using Vigil.Server.Distribution;

namespace Vigil.Server;

/// <summary>JSON the OCI and Docker protocols define (camelCase).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciErrorBody))]
[JsonSerializable(typeof(List<TokenAccess>))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(CatalogList))]
[JsonSerializable(typeof(ReferrersIndex))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
