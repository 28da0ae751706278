using Vigil.Versioning.Go;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Go;

public sealed class GoVersionTests
{
    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("go-order.tsv", GoVersionScheme.Instance);

    [Fact]
    public void Rejects_what_x_mod_semver_rejects() =>
        LocalFixtures.CheckInvalidFile("go-invalid.tsv", GoVersionScheme.Instance);
}
