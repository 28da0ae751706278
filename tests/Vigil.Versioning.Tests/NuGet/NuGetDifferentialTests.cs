using Vigil.Versioning.NuGet;
using Vigil.Versioning.Tests.Support;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Versioning.Tests.NuGet;

/// <summary>Vigil against NuGet.Versioning 7.0.3 (the NuGet client's own library), in-process.</summary>
public sealed class NuGetDifferentialTests
{
    [Fact]
    public void Agrees_with_nuget_versioning_on_generated_pairs()
    {
        var pairs = Differential.Generate(Differential.RandomFor("nuget"), NuGetGrammar.Version, NuGetGrammar.Mutate);
        var reference = pairs.Select(p => NuGetReference.Order(p.Item1, p.Item2)).ToList();
        Differential.Check("nuget", pairs, reference, (a, b) => OrderCases.ViaScheme(NuGetVersionScheme.Instance, a, b));
    }

    [Fact]
    public void Agrees_with_nuget_version_range_satisfies_on_generated_cases()
    {
        var rng = Differential.RandomFor("nuget-range");
        var cases = new List<(string Version, string Range)>(Differential.Pairs);
        for (var i = 0; i < Differential.Pairs; i++)
        {
            var around = NuGetGrammar.Version(rng);
            var range = NuGetGrammar.Range(rng, around);
            var version = rng.Next(3) switch
            {
                0 => around,
                1 => NuGetGrammar.Mutate(rng, around),
                _ => NuGetGrammar.Version(rng),
            };
            cases.Add((version, range));
        }

        var reference = cases.Select(c => NuGetReference.Satisfies(c.Version, c.Range)).ToList();
        Differential.CheckCases("nuget ranges", "NuGet.Versioning", reference, i => $"'{cases[i].Version}' in '{cases[i].Range}'",
            i => Differential.RangeAnswer("nuget", cases[i].Version, cases[i].Range));
    }

    /// <summary>The evidence behind the fixtures: NuGet.Versioning says what they say, and refuses what they refuse.</summary>
    [Fact]
    public void The_fixtures_say_what_nuget_versioning_says()
    {
        var failures = new List<string>();
        foreach (var (line, c) in LocalFixtures.Lines("nuget-order.tsv"))
        {
            var theirs = NuGetReference.Order(LocalFixtures.Unquote(c[0]), LocalFixtures.Unquote(c[2]));
            if (theirs != c[1]) failures.Add($"nuget-order.tsv:{line}: NuGet says {theirs}");
        }

        foreach (var (line, c) in LocalFixtures.Lines("nuget-invalid.tsv"))
        {
            var theirs = NuGetReference.Order(LocalFixtures.Unquote(c[0]), "1.0");
            if (!theirs.StartsWith('!')) failures.Add($"nuget-invalid.tsv:{line}: NuGet accepts it");
        }

        foreach (var (line, c) in LocalFixtures.Lines("nuget-ranges.tsv"))
        {
            var theirs = NuGetReference.Satisfies(LocalFixtures.Unquote(c[0]), LocalFixtures.Unquote(c[1]));
            if (theirs != c[2]) failures.Add($"nuget-ranges.tsv:{line}: NuGet says {theirs}");
        }

        foreach (var (line, c) in LocalFixtures.Lines("nuget-bad-ranges.tsv"))
        {
            var theirs = NuGetReference.Satisfies("1.0", LocalFixtures.Unquote(c[0]));
            if (!theirs.StartsWith('!')) failures.Add($"nuget-bad-ranges.tsv:{line}: NuGet accepts it");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Where NuGet.Versioning reads both sides of a shared line it agrees with the line; it refuses only the 30-digit ones.</summary>
    [Fact]
    public void The_shared_vectors_say_what_nuget_versioning_says()
    {
        var path = SharedData.Require("testdata/versions/nuget.tsv");
        var refused = new List<int>();
        var failures = new List<string>();
        foreach (var (line, a, expected, b) in OrderCases.Read(path))
        {
            var theirs = NuGetReference.Order(a, b);
            if (theirs.StartsWith('!')) refused.Add(line);
            else if (theirs != OrderCases.OpText(expected)) failures.Add($"nuget.tsv:{line}: NuGet says {theirs}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal([27, 28], refused);
    }
}
