using Vigil.Images.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Reads_docker_bearer_parameters_with_quoted_commas()
    {
        var p = AuthChallenge.ParseParameters("realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull,push\"");
        Assert.Equal("https://auth.docker.io/token", p["realm"]);
        Assert.Equal("registry.docker.io", p["service"]);
        Assert.Equal("repository:library/alpine:pull,push", p["scope"]);
    }

    [Fact]
    public void Reads_unquoted_values_and_escapes()
    {
        var p = AuthChallenge.ParseParameters("realm=basic, error=\"a \\\"quoted\\\" word\"");
        Assert.Equal("basic", p["realm"]);
        Assert.Equal("a \"quoted\" word", p["error"]);
    }
}
