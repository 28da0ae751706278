using Vigil.Versioning.Composer;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Composer;

public sealed class ComposerTests
{
    /// <summary>
    /// Six lines hold versions Vigil refuses with a reason: <c>dev-foo</c> (a branch; version_compare would place it
    /// below every release, which reads a branch install as "not affected") and <c>1.2.3.#…</c> ('#' is PHP's internal
    /// stand-in for "a number"; osv-scalibr makes it equal to every number, which is not an order).
    /// </summary>
    [Fact]
    public void Every_line_of_shared_packagist_tsv_holds()
    {
        var refused = OrderCases.CheckSharedFileAllowingRefusals("testdata/versions/packagist.tsv", ComposerVersionScheme.Instance);
        Assert.Equal(6, refused);
    }

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("composer-order.tsv", ComposerVersionScheme.Instance);

    [Fact]
    public void Rejects_unreadable_versions_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("composer-invalid.tsv", ComposerVersionScheme.Instance);

    [Fact]
    public void Constraints_match_as_composer_semver_says() =>
        LocalFixtures.CheckRangeFile("composer-constraints.tsv", "composer");

    [Fact]
    public void Rejects_constraints_composer_semver_rejects() =>
        Assert.All(LocalFixtures.Lines("composer-bad-constraints.tsv"), l =>
        {
            Assert.False(ComposerConstraint.TryParse(LocalFixtures.Unquote(l.Columns[0]), out _, out var reason), $"line {l.Line} accepted");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        });

    [Fact]
    public void Normalizes_as_composer_semver_does()
    {
        foreach (var (line, c) in LocalFixtures.Lines("composer-normalized.tsv"))
        {
            Assert.True(ComposerVersionScheme.Instance.TryParse(c[0], out ComposerVersion? v, out var reason), $"line {line}: {reason}");
            Assert.True(c[1] == (v.Normalized ?? "!"), $"line {line}: '{c[0]}' normalized to '{v.Normalized}', expected '{c[1]}'");
        }
    }

    [Fact]
    public void Comparing_parsed_versions_allocates_nothing()
    {
        string[] texts = ["1.0.0", "v1.0.0-beta.2", "1.0.0-RC1", "1.0.0-patch1", "2.0", "99999999999999999999999.1", "1.0.0-dev", "1.0.0+bedrock-1"];
        var versions = texts.Select(t => ComposerVersionScheme.Instance.TryParse(t, out ComposerVersion? v, out _) ? v : throw new InvalidOperationException(t)).ToArray();
        var sum = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var a in versions)
            {
                foreach (var b in versions) sum += a.CompareTo(b);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, sum);
    }
}
