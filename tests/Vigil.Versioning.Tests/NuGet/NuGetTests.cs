using Vigil.Versioning.NuGet;
using Vigil.Versioning.SemVer;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.NuGet;

public sealed class NuGetTests
{
    /// <summary>
    /// The last two lines compare 30-digit numbers; they come from osv-scalibr's generated vectors, whose comparer
    /// uses big integers. NuGet.Versioning refuses numbers above Int32.MaxValue (so nuget.org cannot hold such a
    /// version), and Vigil refuses them with a reason too: a guessed order would hide a version NuGet cannot read.
    /// </summary>
    [Fact]
    public void Every_line_of_shared_nuget_tsv_holds()
    {
        var refused = OrderCases.CheckSharedFileAllowingRefusals("testdata/versions/nuget.tsv", NuGetVersionScheme.Instance);
        TestContext.Current.SendDiagnosticMessage($"nuget.tsv: {refused} lines compare numbers above Int32.MaxValue; both were refused with a reason, as NuGet refuses them");
        Assert.Equal(2, refused);
    }

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("nuget-order.tsv", NuGetVersionScheme.Instance);

    [Fact]
    public void Rejects_malformed_versions_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("nuget-invalid.tsv", NuGetVersionScheme.Instance);

    [Fact]
    public void Ranges_match_as_version_range_satisfies_says() =>
        LocalFixtures.CheckRangeFile("nuget-ranges.tsv", "nuget");

    [Fact]
    public void Rejects_bad_ranges_with_a_reason()
    {
        var failures = new List<string>();
        foreach (var (line, c) in LocalFixtures.Lines("nuget-bad-ranges.tsv"))
        {
            var text = LocalFixtures.Unquote(c[0]);
            if (NuGetVersionRange.TryParse(text, out var r, out var reason)) failures.Add($"line {line}: '{text}' accepted as {r}");
            else if (!reason.Contains(c[1], StringComparison.OrdinalIgnoreCase)) failures.Add($"line {line}: '{text}' refused with '{reason}', expected it to mention '{c[1]}'");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Reads_the_parts_as_nuget_does()
    {
        Assert.True(NuGetVersionScheme.Instance.TryParse(" 1.02.3.4-Beta.1+Sha.5 ", out NuGetVersion? v, out var reason), reason);
        Assert.Equal((1, 2, 3, 4), (v.Major, v.Minor, v.Patch, v.Revision));
        Assert.Equal(["Beta", "1"], v.ReleaseLabels);
        Assert.Equal("Sha.5", v.Metadata);
        Assert.True(v.IsPrerelease);
        Assert.Equal(" 1.02.3.4-Beta.1+Sha.5 ", v.Original);
    }

    [Fact]
    public void Comparing_parsed_versions_and_checking_ranges_allocates_nothing()
    {
        string[] texts = ["1.0", "1.0.0.1", "6.0.0-preview.7.21377.19", "6.0.0-Preview.7.21377.19+abc", "6.0.0-rc.1", "1.0.0--1", "1.0.0-2147483648", "13.0.3"];
        var versions = texts.Select(t => NuGetVersionScheme.Instance.TryParse(t, out NuGetVersion? v, out _) ? v : throw new InvalidOperationException(t)).ToArray();
        Assert.True(NuGetVersionRange.TryParse("[1.0.0.1, 6.0.0-rc)", out var range, out _));
        var sum = Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) sum += Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);

        int Run()
        {
            var s = 0;
            foreach (var a in versions)
            {
                foreach (var b in versions) s += a.CompareTo(b) + (a.Equals(b) ? 1 : 0) + (range.Contains(b) ? 1 : 0);
                s += a.GetHashCode() & 1;
            }

            return s;
        }
    }

    [Fact]
    public void Mixing_schemes_is_a_programming_error()
    {
        Assert.True(NuGetVersionScheme.Instance.TryParse("1.0.0", out NuGetVersion? n, out _));
        Assert.True(SemVerScheme.Instance.TryParse("1.0.0", out IVersion? s, out _));
        Assert.Throws<ArgumentException>(() => n.CompareTo(s));
        Assert.True(NuGetVersionRange.TryParse("[1.0,2.0)", out var r, out _));
        Assert.Throws<ArgumentException>(() => r.Contains(s));
    }
}
