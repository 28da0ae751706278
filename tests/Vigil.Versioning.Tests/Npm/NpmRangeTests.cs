using System.Text.Json;
using Vigil.TestKit;
using Vigil.Versioning.Npm;
using Xunit;

namespace Vigil.Versioning.Tests.Npm;

public sealed class NpmRangeTests
{
    [Fact]
    public void Every_line_of_shared_npm_range_tsv_holds() => Check("testdata/versions/npm-range.tsv");

    [Fact]
    public void Every_line_of_shared_npm_range_with_options_tsv_holds() => Check("testdata/versions/npm-range-with-options.tsv");

    /// <summary>Columns: version, range, satisfies, and optionally node-semver's options (true = loose, or a JSON object).</summary>
    private static void Check(string relative)
    {
        var path = SharedData.Require(relative);
        var failures = new List<string>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0) continue;
            var c = line.Split('\t');
            var options = c.Length > 3 ? Options(c[3]) : new NpmRangeOptions();
            var got = NpmRange.Satisfies(c[0], c[1], options);
            if (got != bool.Parse(c[2])) failures.Add($"{relative}:{n}: satisfies('{c[0]}', '{c[1]}', {c[3 % c.Length]}) expected {c[2]}, got {got}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    // node-semver's parseOptions: a non-object means { loose: true } when truthy; object values count when truthy.
    private static NpmRangeOptions Options(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return new NpmRangeOptions(Loose: Truthy(root));
        var loose = root.TryGetProperty("loose", out var l) && Truthy(l);
        var pre = root.TryGetProperty("includePrerelease", out var p) && Truthy(p);
        return new NpmRangeOptions(loose, pre);
    }

    private static bool Truthy(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => e.GetDouble() != 0,
        JsonValueKind.String => e.GetString()!.Length > 0,
        JsonValueKind.Object or JsonValueKind.Array => true,
        _ => false,
    };
}
