using System.Text.Json;
using Vigil.Versioning.Ranges;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Ranges;

public sealed class OsvRangeEvaluatorTests
{
    public static TheoryData<string> CaseNames => [.. Cases().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Follows_the_osv_evaluation_algorithm(string name)
    {
        var c = Cases().Single(x => x.Name == name);
        var ranges = c.Ranges.Select(r => new OsvRange(r.Type, [.. r.Events.Select(e => new OsvEvent(e.Introduced, e.Fixed, e.LastAffected, e.Limit))])).ToList();
        var verdict = OsvRangeEvaluator.Evaluate(VersionSchemes.Get(c.Scheme), c.Version, ranges, c.Versions ?? []);
        var expected = c.Expect switch
        {
            "affected" => RangeVerdictKind.Affected,
            "not-affected" => RangeVerdictKind.NotAffected,
            "indeterminate" => RangeVerdictKind.Indeterminate,
            _ => throw new InvalidDataException($"osv-ranges.json '{name}': unknown expect '{c.Expect}'"),
        };
        Assert.True(expected == verdict.Kind, $"{name}: expected {expected}, got {verdict.Kind}: {verdict.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }

    private static List<OsvRangeCase> Cases() =>
        JsonSerializer.Deserialize(File.ReadAllText(LocalFixtures.Path("osv-ranges.json")), FixtureJson.Default.ListOsvRangeCase)
        ?? throw new InvalidDataException("osv-ranges.json is empty");
}
