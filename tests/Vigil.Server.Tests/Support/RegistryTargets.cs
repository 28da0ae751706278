using Xunit;

namespace Vigil.Server.Tests.Support;

/// <summary>A registry the conformance tests run against, with an authorised client.</summary>
public interface IRegistryTarget
{
    HttpClient Client { get; }

    /// <summary>Whether the registry implements the referrers API and tag deletion (both optional before v1.1).</summary>
    bool HasV11Extras { get; }

    string Name { get; }
}

/// <summary>vigil serve, with an admin's Basic credentials.</summary>
public sealed class VigilTarget : IRegistryTarget, IAsyncLifetime
{
    private VigilInstance? vigil;

    public HttpClient Client { get; private set; } = null!;

    public bool HasV11Extras => true;

    public string Name => "vigil";

    public VigilInstance Instance => vigil!;

    public async ValueTask InitializeAsync()
    {
        vigil = await VigilInstance.StartAsync(null, TestContext.Current.CancellationToken);
        Client = vigil.Client(VigilInstance.Basic("admin"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (vigil is not null) await vigil.DisposeAsync();
    }
}

/// <summary>The CNCF registry, to check that the tests themselves follow the spec.</summary>
public sealed class CncfTarget : IRegistryTarget, IAsyncLifetime
{
    private CncfRegistry? registry;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>distribution 2.8 predates the referrers API and refuses DELETE by tag.</summary>
    public bool HasV11Extras => false;

    public string Name => "docker-registry";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists("/usr/bin/docker-registry")) return;
        registry = await CncfRegistry.StartAsync(TestContext.Current.CancellationToken);
        Client = new HttpClient { BaseAddress = registry.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (registry is not null) await registry.DisposeAsync();
    }

    public void Require()
    {
        if (registry is null) Assert.Skip("docker-registry is not installed; it is in .ci/apt-packages.txt.");
    }
}
