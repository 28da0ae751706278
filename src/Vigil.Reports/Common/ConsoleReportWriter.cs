using Spectre.Console;
using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Reports.Common;

/// <summary>A human report drawn with Spectre.Console into a stream, plain or coloured as <see cref="Options"/> say.</summary>
public abstract class ConsoleReportWriter(TextReportOptions? options) : IReportWriter
{
    public TextReportOptions Options { get; } = options ?? TextReportOptions.Plain;

    public abstract string Format { get; }

    public string ContentType => "text/plain; charset=utf-8";

    public Task WriteAsync(ScanResult result, Stream output, CancellationToken cancellationToken) =>
        ConsoleRenderer.WriteAsync(output, Options, console => Render(console, result), cancellationToken);

    protected abstract void Render(IAnsiConsole console, ScanResult result);
}
