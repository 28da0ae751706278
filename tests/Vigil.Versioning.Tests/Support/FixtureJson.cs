using System.Text.Json.Serialization;

namespace Vigil.Versioning.Tests.Support;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, bool>))]
internal sealed partial class FixtureJson : JsonSerializerContext;
