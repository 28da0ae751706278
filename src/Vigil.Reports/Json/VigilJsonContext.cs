using System.Text.Json.Serialization;
using Vigil.Reports.Common;

namespace Vigil.Reports.Json;

[JsonSerializable(typeof(JsonReport))]
internal sealed partial class VigilJsonContext : JsonSerializerContext
{
    public static VigilJsonContext Instance { get; } = new(ReportJson.Options(omitNulls: false));
}
