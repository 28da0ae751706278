using Vigil.Versioning.Apk;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Apk;

public sealed class ApkOrderTests
{
    /// <summary>
    /// Lines where both versions are valid must order as stated. A line with a version apk-tools calls invalid
    /// (<c>23_foo</c>, <c>0..8</c>, <c>a</c>) must be refused by TryParse with a reason instead: apk-tools 2 and 3 order
    /// such strings differently, and the transcription of apk-tools' version.data lost its "!" (negated) markers,
    /// so no order stated for them can be trusted. See docs/versioning.md.
    /// </summary>
    [Fact]
    public void Every_line_of_shared_apk_tsv_holds()
    {
        var refused = OrderCases.CheckSharedFileAllowingRefusals("testdata/versions/apk.tsv", ApkVersionScheme.Instance);
        TestContext.Current.SendDiagnosticMessage($"apk.tsv: {refused} lines hold a version apk calls invalid; all were refused with a reason");
        Assert.InRange(refused, 1, 60);
    }

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("apk-order.tsv", ApkVersionScheme.Instance);

    [Fact]
    public void Rejects_what_apk_calls_invalid_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("apk-invalid.tsv", ApkVersionScheme.Instance);
}
