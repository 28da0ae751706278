using System.Text.Json.Serialization;
using Vigil.Reports.Common;

namespace Vigil.Reports.Spdx;

[JsonSerializable(typeof(SpdxDocument))]
internal sealed partial class SpdxJsonContext : JsonSerializerContext
{
    public static SpdxJsonContext Instance { get; } = new(ReportJson.Options(omitNulls: true));
}
