using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>Writes a scan result in one format. Depends on nothing but <see cref="ScanResult"/>.</summary>
public interface IReportWriter
{
    /// <summary>The --format name: text, json, sarif, cyclonedx, spdx.</summary>
    string Format { get; }

    string ContentType { get; }

    Task WriteAsync(ScanResult result, Stream output, CancellationToken cancellationToken);
}
