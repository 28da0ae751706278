using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Cli.Infrastructure;

/// <summary>Writes a report to stdout, or to a file that appears whole or not at all.</summary>
public static class ReportOutput
{
    public static async Task WriteAsync(IReportWriter writer, ScanResult result, string? path, CancellationToken cancellationToken)
    {
        if (path is null or "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await writer.WriteAsync(result, stdout, cancellationToken);
            await stdout.FlushAsync(cancellationToken);
            return;
        }
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await writer.WriteAsync(result, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
