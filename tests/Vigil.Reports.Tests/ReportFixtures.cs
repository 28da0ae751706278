using Vigil.Core.Model;
using Vigil.Reports.Json;
using Vigil.TestKit;

namespace Vigil.Reports.Tests;

/// <summary>The scan results under tests/fixtures/reports/, written in Vigil's JSON and loaded with <see cref="VigilJson"/>.</summary>
public static class ReportFixtures
{
    /// <summary>
    /// debian12: every severity and status over two layers; alpine318: arm64 picked from an index; incomplete: warnings;
    /// clean: no OS, no findings; rootfs: written by the CLI from the sample feeds and rootfs (no digest, no layers).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["debian12", "alpine318", "incomplete", "clean", "rootfs"];

    public static string PathOf(string name) => RepoPaths.Fixture("reports", name + ".json");

    public static async Task<ScanResult> LoadAsync(string name)
    {
        await using var stream = File.OpenRead(PathOf(name));
        return await VigilJson.ReadScanResultAsync(stream, TestContext.Current.CancellationToken);
    }
}
