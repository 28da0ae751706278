using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Reports.Common;

namespace Vigil.Reports.Sarif;

/// <summary>SARIF 2.1.0 for GitHub code scanning: a rule per vulnerability id, a result per finding.</summary>
public sealed class SarifReportWriter : IReportWriter
{
    public string Format => "sarif";

    public string ContentType => "application/sarif+json";

    public async Task WriteAsync(ScanResult result, Stream output, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(output, SarifBuilder.Build(result), SarifJsonContext.Instance.SarifLog, cancellationToken);
        await ReportJson.WriteTrailingNewlineAsync(output, cancellationToken);
    }
}
