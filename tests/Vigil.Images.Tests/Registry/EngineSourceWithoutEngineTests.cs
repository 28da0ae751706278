using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

public sealed class EngineSourceWithoutEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_engine_is_a_Network_error_naming_DOCKER_HOST()
    {
        var source = new EngineSource(new EngineSourceTests.UnusedArchiveSource(), environment: n => n == "DOCKER_HOST" ? "unix:///nonexistent/docker.sock" : null);
        Assert.Equal("unix:///nonexistent/docker.sock", source.Host);
        var e = await Assert.ThrowsAsync<VigilException>(() => source.OpenAsync("image://app", "app", new ImageOpenOptions(), Ct));
        Assert.Equal(ErrorKind.Network, e.Kind);
        Assert.Contains("unix:///nonexistent/docker.sock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_explicit_prefixes_select_the_engine()
    {
        var source = new EngineSource(new EngineSourceTests.UnusedArchiveSource());
        Assert.Equal(["image://", "local://"], source.Prefixes);
        Assert.False(source.Recognizes("alpine"));
    }
}
