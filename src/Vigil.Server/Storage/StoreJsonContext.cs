using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Core.Model;

namespace Vigil.Server.Storage;

/// <summary>How index reports and scan results are kept in SQLite: the Core records as they are, digests as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    Converters = [typeof(DigestJsonConverter)])]
[JsonSerializable(typeof(IndexReport))]
[JsonSerializable(typeof(ScanResult))]
public sealed partial class StoreJsonContext : JsonSerializerContext;

public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Digest.TryParse(reader.GetString(), out var d) ? d : throw new JsonException($"'{reader.GetString()}' is not a digest");

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
