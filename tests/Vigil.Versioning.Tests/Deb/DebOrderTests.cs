using Vigil.Versioning.Deb;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Deb;

public sealed class DebOrderTests
{
    [Fact]
    public void Every_line_of_shared_dpkg_tsv_holds() =>
        OrderCases.CheckSharedFile("testdata/versions/dpkg.tsv", (a, b) => OrderCases.ViaScheme(DebVersionScheme.Instance, a, b));

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("deb-order.tsv", DebVersionScheme.Instance);

    [Fact]
    public void Rejects_what_dpkg_rejects_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("deb-invalid.tsv", DebVersionScheme.Instance);

    [Fact]
    public void Keeps_the_parts()
    {
        Assert.True(DebVersionScheme.Instance.TryParse("2:1.2.3-4ubuntu1~22.04", out DebVersion? v, out _));
        Assert.Equal(2, v.Epoch);
        Assert.Equal("1.2.3", v.Upstream);
        Assert.Equal("4ubuntu1~22.04", v.Revision);
        Assert.Equal("2:1.2.3-4ubuntu1~22.04", v.Original);
    }
}
