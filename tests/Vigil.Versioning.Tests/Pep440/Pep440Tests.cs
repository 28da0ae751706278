using System.Text.Json;
using Vigil.TestKit;
using Vigil.Versioning.Pep440;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Pep440;

public sealed class Pep440Tests
{
    /// <summary>
    /// Lines holding a pre-PEP 440 "legacy" version (<c>0.9-doduo</c>, dates, <c>0.7.10p1</c>) were ordered by the
    /// LegacyVersion that packaging dropped in 22.0; pip refuses them now, and so must Vigil, with a reason.
    /// </summary>
    [Fact]
    public void Every_line_of_shared_pep440_tsv_holds()
    {
        var refused = OrderCases.CheckSharedFileAllowingRefusals("testdata/versions/pep440.tsv", Pep440VersionScheme.Instance);
        TestContext.Current.SendDiagnosticMessage($"pep440.tsv: {refused} lines hold a legacy (non-PEP 440) version; all were refused with a reason");
        Assert.InRange(refused, 1, 80);
    }

    [Fact]
    public void Every_version_in_shared_pep440_invalid_txt_is_rejected_with_a_reason()
    {
        var path = SharedData.Require("testdata/versions/pep440-invalid.txt");
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            n++;
            var text = JsonSerializer.Deserialize(line, FixtureJson.Default.String)!;
            Assert.False(Pep440VersionScheme.Instance.TryParse(text, out IVersion? v, out var reason), $"'{text}' was accepted as {v?.Original}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }

        Assert.True(n > 0);
    }

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("pep440-order.tsv", Pep440VersionScheme.Instance);

    [Fact]
    public void Specifiers_match_as_packaging_says() =>
        LocalFixtures.CheckRangeFile("pep440-specifiers.tsv", "pep440");

    [Fact]
    public void Rejects_bad_specifiers_with_a_reason() =>
        Assert.All(LocalFixtures.Lines("pep440-bad-specifiers.tsv"), l =>
        {
            Assert.False(Pep440SpecifierSet.TryParse(LocalFixtures.Unquote(l.Columns[0]), out _, out var reason), $"line {l.Line} accepted");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        });

    [Fact]
    public void Normalizes_as_packaging_prints()
    {
        foreach (var (line, c) in LocalFixtures.Lines("pep440-normalized.tsv"))
        {
            Assert.True(Pep440VersionScheme.Instance.TryParse(c[0], out Pep440Version? v, out var reason), $"line {line}: {reason}");
            Assert.Equal(c[1], v.Normalized);
        }
    }
}
