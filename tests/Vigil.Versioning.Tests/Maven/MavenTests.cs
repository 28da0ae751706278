using System.Globalization;
using Vigil.TestKit;
using Vigil.Versioning.Maven;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Maven;

public sealed class MavenTests
{
    /// <summary>
    /// Every line holds except the 17 listed in maven-shared-exceptions.tsv, whose stated order comes from Maven 3.8.6
    /// or from Maven 4 and which the installed Maven orders the other way (see that file for each line's reason).
    /// </summary>
    [Fact]
    public void Every_line_of_shared_maven_tsv_holds_but_the_listed_pre_mng_7644_and_maven_4_lines()
    {
        var exceptions = LocalFixtures.Lines("maven-shared-exceptions.tsv")
            .ToDictionary(l => int.Parse(l.Columns[0], CultureInfo.InvariantCulture), l => l.Columns[1]);
        var failures = new List<string>();
        var count = 0;
        foreach (var (line, a, expected, b) in OrderCases.Read(SharedData.Require("testdata/versions/maven.tsv")))
        {
            count++;
            var (order, error) = OrderCases.ViaScheme(MavenVersionScheme.Instance, a, b);
            var holds = order is not null && Math.Sign(order.Value) == expected;
            if (exceptions.ContainsKey(line) && holds) failures.Add($"maven.tsv:{line} now holds; take it out of maven-shared-exceptions.tsv");
            else if (!exceptions.ContainsKey(line) && !holds) failures.Add($"maven.tsv:{line}: expected '{a}' {OrderCases.OpText(expected)} '{b}', got {(order is null ? error : OrderCases.OpText(order.Value))}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(12_600, count);
        Assert.Equal(17, exceptions.Count);
    }

    /// <summary>Why not every line can hold, for any comparator: the file states both orders of one pair.</summary>
    [Fact]
    public void Shared_maven_tsv_contradicts_itself_at_lines_757_and_784()
    {
        var lines = OrderCases.Read(SharedData.Require("testdata/versions/maven.tsv")).ToDictionary(c => c.Line);
        Assert.Equal(("2.0.a", 0, "2.0.0.a"), (lines[757].A, lines[757].Expected, lines[757].B));
        Assert.Equal(("2.0.a", -1, "2.0.0.a"), (lines[784].A, lines[784].Expected, lines[784].B));
    }

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("maven-order.tsv", MavenVersionScheme.Instance);

    [Fact]
    public void Rejects_an_empty_version_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("maven-invalid.tsv", MavenVersionScheme.Instance);

    [Fact]
    public void Ranges_hold_as_maven_says() => LocalFixtures.CheckRangeFile("maven-ranges.tsv", "maven");

    [Fact]
    public void Malformed_ranges_are_refused_with_maven_s_reason()
    {
        var failures = new List<string>();
        foreach (var (line, c) in LocalFixtures.Lines("maven-bad-ranges.tsv"))
        {
            if (VersionTool.TryCheckRange("maven", "1.0", c[0], out _, out var error)) failures.Add($"maven-bad-ranges.tsv:{line}: '{c[0]}' accepted");
            else if (!error.Contains(c[1], StringComparison.Ordinal)) failures.Add($"maven-bad-ranges.tsv:{line}: '{c[0]}' refused with '{error}', expected '{c[1]}'");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("1.0.0-RC1", "1-rc-1")]
    [InlineData("1.0.0.RC1", "1-rc-1")]
    [InlineData("2.0.0.Final", "2")]
    [InlineData("1-0.alpha", "1-alpha")]
    public void Canonical_form_is_maven_s(string version, string canonical)
    {
        Assert.True(MavenVersionScheme.Instance.TryParse(version, out MavenVersion? v, out _));
        Assert.Equal(canonical, v.Canonical);
    }
}
