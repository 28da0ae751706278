using System.Text.Json.Serialization;
using Vigil.Versioning.Tests.Ranges;

namespace Vigil.Versioning.Tests.Support;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, bool>))]
[JsonSerializable(typeof(List<OsvRangeCase>))]
internal sealed partial class FixtureJson : JsonSerializerContext;
