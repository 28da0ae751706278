using Vigil.Core;
using Vigil.Images.Registry;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Images.Tests.Registry;

public sealed class RegistryReferenceTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(RepoPaths.Fixture("registry", "references.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var cols = line.Split('\t');
            data.Add(cols[0], cols[1], cols[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Normalises_like_docker(string input, string normalised, string familiarOrReason)
    {
        if (normalised == "!")
        {
            Assert.False(RegistryReference.TryParse(input, out _, out var reason));
            Assert.Contains(familiarOrReason, reason, StringComparison.OrdinalIgnoreCase);
            var e = Assert.Throws<VigilException>(() => RegistryReference.Parse(input));
            Assert.Equal(ErrorKind.Usage, e.Kind);
            return;
        }
        var r = RegistryReference.Parse(input);
        Assert.Equal(normalised, r.ToString());
        Assert.Equal(familiarOrReason, r.FamiliarString);
        Assert.Equal(r, RegistryReference.Parse(r.ToString()));
    }

    [Fact]
    public void A_digest_is_what_is_pulled_even_with_a_tag()
    {
        var digest = "sha256:" + new string('1', 64);
        var r = RegistryReference.Parse($"alpine:3.20@{digest}");
        Assert.Equal(digest, r.ManifestReference);
        Assert.Equal("3.20", RegistryReference.Parse("alpine:3.20").ManifestReference);
        Assert.Equal("latest", RegistryReference.Parse("alpine").ManifestReference);
    }

    [Theory]
    [InlineData("alpine", true)]
    [InlineData("127.0.0.1:5000/team/app:1", true)]
    [InlineData("./image.tar", false)]
    [InlineData("image.tar", false)]
    [InlineData("/tmp", false)]
    [InlineData("Not A Reference", false)]
    public void Recognizes_bare_references_that_are_not_paths(string text, bool expected) =>
        Assert.Equal(expected, new RegistrySource(new RegistryOptions(CacheMaxBytes: 0)).Recognizes(text));
}
