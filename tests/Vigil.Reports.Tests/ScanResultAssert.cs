using Vigil.Core.Model;

namespace Vigil.Reports.Tests;

/// <summary>Value equality for a whole <see cref="ScanResult"/>: records compare lists by reference, so lists are compared here element by element.</summary>
public static class ScanResultAssert
{
    public static void Equal(ScanResult expected, ScanResult actual)
    {
        Assert.Equal(Flat(expected), Flat(actual));
        Assert.Equal(expected.Target.Layers, actual.Target.Layers);
        Assert.Equal(expected.Verdict.Reasons, actual.Verdict.Reasons);
        Assert.Equal(expected.Warnings, actual.Warnings);
        Assert.Equal(expected.Database is null, actual.Database is null);
        if (expected.Database is not null) Assert.Equal(expected.Database.Imports, actual.Database!.Imports);

        Assert.Equal(expected.Packages.Count, actual.Packages.Count);
        foreach (var (e, a) in expected.Packages.Zip(actual.Packages))
        {
            Assert.Equal(e with { Licenses = NoStrings }, a with { Licenses = NoStrings });
            Assert.Equal(e.Licenses, a.Licenses);
        }
        Assert.Equal(expected.Findings.Count, actual.Findings.Count);
        foreach (var (e, a) in expected.Findings.Zip(actual.Findings))
        {
            Assert.Equal(e with { Aliases = NoStrings }, a with { Aliases = NoStrings });
            Assert.Equal(e.Aliases, a.Aliases);
        }
    }

    private static readonly IReadOnlyList<string> NoStrings = [];

    private static ScanResult Flat(ScanResult r) => r with
    {
        Target = r.Target with { Layers = Array.Empty<LayerInfo>() },
        Packages = Array.Empty<Package>(),
        Findings = Array.Empty<Finding>(),
        Warnings = Array.Empty<ScanWarning>(),
        Verdict = r.Verdict with { Reasons = NoStrings },
        Database = r.Database is null ? null : r.Database with { Imports = Array.Empty<FeedProvenance>() },
    };
}
