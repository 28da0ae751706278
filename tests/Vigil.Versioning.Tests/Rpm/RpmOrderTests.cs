using Vigil.Versioning.Rpm;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Rpm;

public sealed class RpmOrderTests
{
    [Fact]
    public void Every_line_of_shared_rpm_tsv_holds() =>
        OrderCases.CheckSharedFile("testdata/versions/rpm.tsv", (a, b) => OrderCases.ViaScheme(RpmVersionScheme.Instance, a, b));

    [Fact]
    public void Every_line_of_shared_rpm_nevra_tsv_holds() =>
        OrderCases.CheckSharedFile("testdata/versions/rpm-nevra.tsv", (a, b) =>
        {
            if (!RpmNevra.TryParse(a, out var na, out var ra)) return (null, ra);
            if (!RpmNevra.TryParse(b, out var nb, out var rb)) return (null, rb);
            return (na.CompareTo(nb), null);
        });

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("rpm-order.tsv", RpmVersionScheme.Instance);

    [Fact]
    public void Rejects_what_is_not_an_rpm_version_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("rpm-invalid.tsv", RpmVersionScheme.Instance);

    [Fact]
    public void Reads_a_nevra()
    {
        Assert.True(RpmNevra.TryParse("openssl-libs-1:3.0.7-27.el9.x86_64", out var n, out _));
        Assert.Equal("openssl-libs", n.Name);
        Assert.Equal("1", n.Evr.Epoch);
        Assert.Equal("3.0.7", n.Evr.Version);
        Assert.Equal("27.el9", n.Evr.Release);
        Assert.Equal("x86_64", n.Arch);
    }
}
