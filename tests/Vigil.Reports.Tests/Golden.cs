using System.Text;
using System.Text.RegularExpressions;
using Vigil.Core.Model;
using Vigil.TestKit;

namespace Vigil.Reports.Tests;

/// <summary>
/// Compares output with a file under tests/fixtures/reports/golden/. VIGIL_UPDATE_GOLDEN=1 rewrites the files instead.
/// Volatile fields are scrubbed first so a golden file only changes when the format does.
/// </summary>
public static partial class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("VIGIL_UPDATE_GOLDEN") == "1";

    public static string PathOf(string fileName) => RepoPaths.Fixture("reports", "golden", fileName);

    public static void Verify(string fileName, string actual)
    {
        var path = PathOf(fileName);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with VIGIL_UPDATE_GOLDEN=1 to create it, then review it.");
        var expected = File.ReadAllText(path, Encoding.UTF8);
        if (expected == actual) return;
        var a = actual.Split('\n');
        var e = expected.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, e.Length)).FirstOrDefault(i => a[i] != e[i], Math.Min(a.Length, e.Length));
        Assert.Fail($"{fileName} differs from the golden file at line {line + 1}:\n  expected: {At(e, line)}\n  actual:   {At(a, line)}\n" +
                    "Run with VIGIL_UPDATE_GOLDEN=1 to accept the new output, then review the diff.");
    }

    private static string At(string[] lines, int i) => i < lines.Length ? lines[i] : "<end of file>";

    /// <summary>Replaces timestamps, the scanner version, the database path and UUIDs with fixed placeholders.</summary>
    public static string Scrub(string text, ScanResult result)
    {
        text = text.Replace(result.ScannerVersion, "<scanner-version>", StringComparison.Ordinal);
        if (result.Database is { } db) text = text.Replace(db.Path, "<db-path>", StringComparison.Ordinal);
        text = Timestamp().Replace(text, "<timestamp>");
        text = Uuid().Replace(text, "<uuid>");
        return text;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")]
    private static partial Regex Uuid();
}
