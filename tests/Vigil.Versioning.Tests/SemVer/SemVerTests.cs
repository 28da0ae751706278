using Vigil.Versioning.Npm;
using Vigil.Versioning.SemVer;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.SemVer;

public sealed class SemVerTests
{
    /// <summary>A line with a version SemVer 2.0 does not allow (<c>1.1.3.4.5</c>, from osv-scalibr's lenient parser) must be refused with a reason.</summary>
    [Fact]
    public void Every_line_of_shared_semver_tsv_holds()
    {
        var refused = OrderCases.CheckSharedFileAllowingRefusals("testdata/versions/semver.tsv", SemVerScheme.Instance);
        Assert.InRange(refused, 0, 2);
    }

    [Fact]
    public void Every_line_of_shared_semver_loose_tsv_holds_with_the_npm_scheme() =>
        OrderCases.CheckSharedFile("testdata/versions/semver-loose.tsv", (a, b) => OrderCases.ViaScheme(NpmVersionScheme.Instance, a, b));

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("semver-order.tsv", SemVerScheme.Instance);

    [Fact]
    public void Strict_semver_rejects_what_node_semver_rejects_without_loose() =>
        LocalFixtures.CheckInvalidFile("semver-invalid.tsv", SemVerScheme.Instance);
}
