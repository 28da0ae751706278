using Vigil.Core.Model;
using Xunit;

namespace Vigil.Core.Tests.Model;

public sealed class DigestTests
{
    [Fact]
    public void Parses_and_prints_sha256()
    {
        var text = "sha256:" + new string('a', 64);
        Assert.Equal(text, Digest.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:ABC")]
    [InlineData("sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Refuses_what_is_not_a_verifiable_digest(string text)
    {
        Assert.False(Digest.TryParse(text, out _, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Purl_encodes_as_the_spec_says()
    {
        var purl = PackageUrl.Build("deb", "debian", "libssl3", "3.0.15-1~deb12u1",
            [new("arch", "amd64"), new("distro", "debian-12")]);
        Assert.Equal("pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12", purl);
        Assert.Equal("pkg:deb/debian/gcc-12@12.2.0-14%2Bdeb12u1", PackageUrl.Build("deb", "debian", "gcc-12", "12.2.0-14+deb12u1"));
    }
}
