using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Reports.Json;
using Vigil.Reports.Text;

namespace Vigil.Reports;

/// <summary>The one registration list of report formats; the CLI's --format and the server's Accept map through it.</summary>
public static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new JsonReportWriter(),
        new TextReportWriter(),
    ];

    /// <exception cref="VigilException"><see cref="ErrorKind.Usage"/> when no writer has that name; the message lists the formats.</exception>
    public static IReportWriter Get(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new VigilException(ErrorKind.Usage,
            $"unknown report format '{format}'",
            $"use one of: {string.Join(", ", All.Select(w => w.Format))}");
}
