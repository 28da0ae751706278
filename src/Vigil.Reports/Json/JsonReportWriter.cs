using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Reports.Common;

namespace Vigil.Reports.Json;

/// <summary>Vigil's own JSON report (docs/json-format.md); <see cref="VigilJson"/> reads it back.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public string ContentType => "application/vnd.vigil.report+json; version=1";

    public async Task WriteAsync(ScanResult result, Stream output, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(output, JsonReportMapper.ToJson(result), VigilJsonContext.Instance.JsonReport, cancellationToken);
        await ReportJson.WriteTrailingNewlineAsync(output, cancellationToken);
    }
}
