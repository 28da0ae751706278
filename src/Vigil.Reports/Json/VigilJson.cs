using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;

namespace Vigil.Reports.Json;

/// <summary>Reads Vigil's JSON report back into the <see cref="ScanResult"/> it was written from.</summary>
public static class VigilJson
{
    /// <exception cref="VigilException">
    /// <see cref="ErrorKind.InvalidInput"/> for malformed JSON, a missing required field or an unknown enum word;
    /// <see cref="ErrorKind.Unsupported"/> for another schemaVersion.
    /// </exception>
    public static async Task<ScanResult> ReadScanResultAsync(Stream input, CancellationToken cancellationToken)
    {
        JsonReport? report;
        try
        {
            report = await JsonSerializer.DeserializeAsync(input, VigilJsonContext.Instance.JsonReport, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"not a Vigil JSON report: {e.Message}", "pass a file written by 'vigil ... --format json'", e);
        }
        return report is null
            ? throw new VigilException(ErrorKind.InvalidInput, "not a Vigil JSON report: the document is null")
            : JsonReportMapper.FromJson(report);
    }
}
