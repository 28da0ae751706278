using System.Text.Json.Serialization;
using Vigil.Reports.Common;

namespace Vigil.Reports.CycloneDx;

[JsonSerializable(typeof(CdxBom))]
internal sealed partial class CycloneDxJsonContext : JsonSerializerContext
{
    public static CycloneDxJsonContext Instance { get; } = new(ReportJson.Options(omitNulls: true));
}
