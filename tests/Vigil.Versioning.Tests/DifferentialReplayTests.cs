using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests;

public sealed class DifferentialReplayTests
{
    /// <summary>
    /// VIGIL_DIFF_SEED replays a failing run in a new process, so a scheme's random source may depend on nothing
    /// but the seed and the scheme's name. The values are pinned: a per-process hash would change them on every run.
    /// </summary>
    [Fact]
    public void A_schemes_random_source_is_the_same_in_every_process()
    {
        Assert.Equal(592253349, Differential.SeedFor("nuget", 12345));
        Assert.Equal(1411185503, new Random(Differential.SeedFor("nuget", 12345)).Next());
        Assert.NotEqual(Differential.SeedFor("gem", 12345), Differential.SeedFor("nuget", 12345));
    }
}
