using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Reports.Common;
using Vigil.Reports.CycloneDx;
using Vigil.Reports.Json;
using Vigil.Reports.PackageTable;
using Vigil.Reports.Quickview;
using Vigil.Reports.Sarif;
using Vigil.Reports.Spdx;
using Vigil.Reports.Text;

namespace Vigil.Reports;

/// <summary>The one registration list of report formats; the CLI's --format and the server's Accept map through it.</summary>
public static class ReportWriters
{
    /// <summary>Every format, with the human-readable ones set for files and pipes (<see cref="TextReportOptions.Plain"/>).</summary>
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new TextReportWriter(),
        new JsonReportWriter(),
        new SarifReportWriter(),
        new CycloneDxReportWriter(),
        new SpdxReportWriter(),
        new QuickviewReportWriter(),
        new TableReportWriter(),
    ];

    /// <exception cref="VigilException"><see cref="ErrorKind.Usage"/> when no writer has that name; the hint lists the formats.</exception>
    public static IReportWriter Get(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new VigilException(ErrorKind.Usage,
            $"unknown report format '{format}'",
            $"use one of: {string.Join(", ", All.Select(w => w.Format))}");

    /// <summary>
    /// The writer for <paramref name="format"/> with <paramref name="options"/> applied to the human-readable formats
    /// (text, quickview, table); machine formats ignore them. The CLI passes <see cref="TextReportOptions.ForConsole"/>
    /// when writing to standard output and the defaults when writing to a file.
    /// </summary>
    /// <exception cref="VigilException"><see cref="ErrorKind.Usage"/> as <see cref="Get(string)"/>.</exception>
    public static IReportWriter Get(string format, TextReportOptions options) => Get(format) switch
    {
        TextReportWriter => new TextReportWriter(options),
        QuickviewReportWriter => new QuickviewReportWriter(options),
        TableReportWriter => new TableReportWriter(options),
        var writer => writer,
    };
}
