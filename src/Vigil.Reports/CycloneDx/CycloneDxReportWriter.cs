using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Reports.Common;

namespace Vigil.Reports.CycloneDx;

/// <summary>CycloneDX 1.6 JSON: the image, its packages and the vulnerabilities that affect them.</summary>
public sealed class CycloneDxReportWriter : IReportWriter
{
    public string Format => "cyclonedx";

    public string ContentType => "application/vnd.cyclonedx+json; version=1.6";

    public async Task WriteAsync(ScanResult result, Stream output, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(output, CycloneDxBuilder.Build(result), CycloneDxJsonContext.Instance.CdxBom, cancellationToken);
        await ReportJson.WriteTrailingNewlineAsync(output, cancellationToken);
    }
}
