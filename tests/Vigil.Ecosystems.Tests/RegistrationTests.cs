using Xunit;

namespace Vigil.Ecosystems.Tests;

/// <summary>Each entry of the one registration list per plugin kind is complete.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void Catalogers_are_complete()
    {
        var catalogers = Ecosystems.Catalogers;
        Assert.NotEmpty(catalogers);
        Assert.Equal(catalogers.Count, catalogers.Select(c => c.Id).Distinct().Count());
        Assert.All(catalogers, c =>
        {
            Assert.Matches("^[a-z0-9-]+$", c.Id);
            Assert.True(c.Version >= 1, $"{c.Id} has no version");
            Assert.NotEmpty(c.PackageTypes);
            Assert.False(c.IsRequired(""), $"{c.Id} claims the root");
            Assert.False(c.IsRequired("usr/share/doc/README"), $"{c.Id} claims unrelated files");
        });
    }

    [Fact]
    public void Matchers_are_complete()
    {
        var matchers = Ecosystems.Matchers;
        Assert.NotEmpty(matchers);
        Assert.Equal(matchers.Count, matchers.Select(m => m.Id).Distinct().Count());
        Assert.All(matchers, m => Assert.Matches("^[a-z0-9-]+$", m.Id));
    }
}
