using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests;

public sealed class VersionSchemesTests
{
    public static TheoryData<string> Names => [.. VersionSchemes.All.Select(s => s.Name)];

    [Fact]
    public void Names_are_unique_and_lower_case()
    {
        var names = VersionSchemes.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Equal(n.ToLowerInvariant(), n));
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
    }

    [Fact]
    public void Every_scheme_has_samples()
    {
        var samples = SchemeSamples();
        Assert.All(VersionSchemes.All, s => Assert.True(samples.ContainsKey(s.Name), $"no sample in scheme-samples.tsv for '{s.Name}'"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parses_samples_round_trips_and_compares_reflexively(string name)
    {
        var scheme = VersionSchemes.Get(name);
        Assert.Same(scheme, VersionSchemes.Get(name));
        Assert.True(VersionSchemes.TryGet(name, out var again));
        Assert.Same(scheme, again);
        Assert.True(SchemeSamples().TryGetValue(name, out var samples), $"no samples for {name}");
        foreach (var text in samples)
        {
            Assert.True(scheme.TryParse(text, out var v, out var reason), $"{name}: '{text}' rejected: {reason}");
            Assert.Equal(text, v.Original);
            Assert.Equal(0, v.CompareTo(v));
            Assert.True(scheme.TryParse(text, out var w, out _));
            Assert.Equal(0, v.CompareTo(w));
            Assert.True(v.Equals(w));
            Assert.Equal(v.GetHashCode(), w.GetHashCode());
            Assert.True(v.CompareTo(null) > 0);
        }
    }

    [Fact]
    public void Get_names_the_known_schemes_when_asked_for_an_unknown_one()
    {
        var e = Assert.Throws<ArgumentException>(() => VersionSchemes.Get("nosuch"));
        Assert.Contains("nosuch", e.Message, StringComparison.Ordinal);
        foreach (var s in VersionSchemes.All) Assert.Contains(s.Name, e.Message, StringComparison.Ordinal);
        Assert.False(VersionSchemes.TryGet("nosuch", out _));
        Assert.False(VersionSchemes.TryGet("DEB", out _));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryParse_refuses_empty_input_with_a_reason(string name)
    {
        Assert.False(VersionSchemes.Get(name).TryParse("", out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    private static Dictionary<string, List<string>> SchemeSamples()
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (_, cols) in LocalFixtures.Lines("scheme-samples.tsv"))
        {
            if (!map.TryGetValue(cols[0], out var list)) map[cols[0]] = list = [];
            list.AddRange(cols.Skip(1));
        }

        return map;
    }
}
