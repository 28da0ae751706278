using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Reports.Common;

/// <summary>Serializer options shared by the JSON-based formats.</summary>
internal static class ReportJson
{
    /// <param name="omitNulls">
    /// True for third-party formats (SARIF, CycloneDX, SPDX) whose schemas reject null;
    /// Vigil's own format keeps every key so its shape never varies.
    /// </param>
    public static JsonSerializerOptions Options(bool omitNulls) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Ranges like "< 1.2" and purls with '+' stay readable; these documents are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = omitNulls ? JsonIgnoreCondition.WhenWritingNull : JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Every JSON report ends with a newline, as text files should.</summary>
    public static async Task WriteTrailingNewlineAsync(Stream output, CancellationToken cancellationToken) =>
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
}
