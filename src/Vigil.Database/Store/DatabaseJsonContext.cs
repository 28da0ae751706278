using System.Text.Json.Serialization;
using Vigil.Core.Model;

namespace Vigil.Database.Store;

/// <summary>The JSON of stored advisory and statement bodies. Enums as words so a body reads on its own.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Advisory))]
[JsonSerializable(typeof(AffectedPackage))]
internal sealed partial class DatabaseJsonContext : JsonSerializerContext;
