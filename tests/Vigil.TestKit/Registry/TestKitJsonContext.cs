using System.Text.Json.Serialization;

namespace Vigil.TestKit.Registry;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestKitJsonContext : JsonSerializerContext;
