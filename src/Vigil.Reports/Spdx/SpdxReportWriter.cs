using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Reports.Common;

namespace Vigil.Reports.Spdx;

/// <summary>SPDX 2.3 JSON: the image as the described root package, containing every package found.</summary>
public sealed class SpdxReportWriter : IReportWriter
{
    public string Format => "spdx";

    public string ContentType => "application/spdx+json";

    public async Task WriteAsync(ScanResult result, Stream output, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(output, SpdxBuilder.Build(result), SpdxJsonContext.Instance.SpdxDocument, cancellationToken);
        await ReportJson.WriteTrailingNewlineAsync(output, cancellationToken);
    }
}
