using Vigil.Core.Model;
using Vigil.TestKit;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>
/// Three real CNCF registries on 127.0.0.1 (htpasswd Basic, token auth with the test kit's issuer, anonymous as a
/// docker.io mirror) holding small real images pushed by skopeo: a single image as OCI and as Docker v2 schema 2,
/// and a two-platform index pushed with --all.
/// </summary>
public sealed class RealRegistryFixture : IAsyncLifetime
{
    public const string User = "vigil";
    public const string Password = "s3cret-pass";

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-real-registry-").FullName;

    public DistributionRegistry Basic { get; private set; } = null!;
    public DistributionRegistry Token { get; private set; } = null!;
    public DistributionRegistry Mirror { get; private set; } = null!;
    public TokenIssuer Issuer { get; private set; } = null!;
    public WrittenImage App { get; private set; } = null!;
    public WrittenImage Amd64 { get; private set; } = null!;
    public WrittenImage Arm64 { get; private set; } = null!;
    public Digest MultiIndex { get; private set; }
    public string LayoutDirectory => Path.Combine(_dir, "layout");
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        foreach (var (program, package) in new[] { ("docker-registry", "docker-registry"), ("skopeo", "skopeo"), ("htpasswd", "apache2-utils") })
        {
            if (!File.Exists($"/usr/bin/{program}")) { SkipReason = $"{program} is not installed: apt-get install {package} (listed in .ci/apt-packages.txt)"; return; }
        }
        var ct = TestContext.Current.CancellationToken;
        var layout = new OciLayoutWriter(LayoutDirectory);
        var fixtures = RepoPaths.Fixture("registry");
        App = layout.AddImage(Platform.Default, Path.Combine(fixtures, "rootfs-base"), Path.Combine(fixtures, "layer-app"));
        Amd64 = layout.AddImage(new Platform("linux", "amd64"), Path.Combine(fixtures, "rootfs-base"), Path.Combine(fixtures, "arch-amd64"));
        Arm64 = layout.AddImage(new Platform("linux", "arm64", "v8"), Path.Combine(fixtures, "rootfs-base"), Path.Combine(fixtures, "arch-arm64"));
        var index = layout.AddIndex(Amd64, Arm64);
        MultiIndex = index.Digest;
        layout.Tag("app", App);
        layout.Tag("multi", index);
        layout.Save();

        try
        {
            await StartAndPushAsync(ct);
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: stop what started.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAndPushAsync(CancellationToken ct)
    {
        Issuer = await TokenIssuer.StartAsync(User, Password, anonymousPull: false, ct);
        var basic = DistributionRegistry.StartAsync(new RegistryAuth.Htpasswd(User, Password), ct);
        var token = DistributionRegistry.StartAsync(Issuer.RegistryAuth, ct);
        var mirror = DistributionRegistry.StartAsync(new RegistryAuth.None(), ct);
        await Task.WhenAll(basic, token, mirror).ContinueWith(_ => { }, TaskScheduler.Default);
        // Keep each that started, so a failure of one still stops the others.
        if (basic.IsCompletedSuccessfully) Basic = basic.Result;
        if (token.IsCompletedSuccessfully) Token = token.Result;
        if (mirror.IsCompletedSuccessfully) Mirror = mirror.Result;
        Basic = await basic;
        Token = await token;
        Mirror = await mirror;

        var creds = $"{User}:{Password}";
        foreach (var registry in new[] { Basic, Token })
        {
            await Tools.SkopeoCopyAsync($"oci:{LayoutDirectory}:app", $"docker://{registry.Authority}/vigil/app:1", ct, "--dest-creds", creds);
            await Tools.SkopeoCopyAsync($"oci:{LayoutDirectory}:app", $"docker://{registry.Authority}/vigil/app:1-v2s2", ct, "--dest-creds", creds, "--format", "v2s2");
            await Tools.SkopeoCopyAsync($"oci:{LayoutDirectory}:multi", $"docker://{registry.Authority}/vigil/multi:1", ct, "--dest-creds", creds, "--all");
        }
        await Tools.SkopeoCopyAsync($"oci:{LayoutDirectory}:app", $"docker://{Mirror.Authority}/library/vigil-mirrored:1", ct);
    }

    public void SkipIfUnavailable()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in new IAsyncDisposable?[] { Basic, Token, Mirror, Issuer })
        {
            if (d is not null) await d.DisposeAsync();
        }
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
