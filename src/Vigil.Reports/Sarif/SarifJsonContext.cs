using System.Text.Json.Serialization;
using Vigil.Reports.Common;

namespace Vigil.Reports.Sarif;

[JsonSerializable(typeof(SarifLog))]
internal sealed partial class SarifJsonContext : JsonSerializerContext
{
    public static SarifJsonContext Instance { get; } = new(ReportJson.Options(omitNulls: true));
}
