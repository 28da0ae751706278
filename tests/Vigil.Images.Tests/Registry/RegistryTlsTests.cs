using Vigil.Core;
using Vigil.Images.Registry;
using Vigil.TestKit.Registry;
using Xunit;

namespace Vigil.Images.Tests.Registry;

/// <summary>The real registry serving TLS with a certificate from a private CA.</summary>
public sealed class RegistryTlsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-tls-").FullName;
    private TestCertificates _certs = null!;
    private DistributionRegistry? _registry;
    private string _reference = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _certs = TestCertificates.Create(Path.Combine(_dir, "certs"));
        if (!File.Exists("/usr/bin/docker-registry") || !File.Exists("/usr/bin/skopeo")) return;
        _registry = await DistributionRegistry.StartAsync(new RegistryAuth.None(), Ct, (_certs.ServerCertPem, _certs.ServerKeyPem));
        try
        {
            using var image = new FaultyRegistryImage();
            image.Layout.Tag("app", image.Image);
            image.Layout.Save();
            await Tools.SkopeoCopyAsync($"oci:{image.Layout.Directory}:app", $"docker://{_registry.Authority}/tls/app:1", Ct);
        }
        catch
        {
            // xunit does not dispose a class whose initialisation failed: stop the registry here.
            await _registry.DisposeAsync();
            _registry = null;
            throw;
        }
        _reference = $"{_registry.Authority}/tls/app:1";
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null) await _registry.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private RegistryOptions Options() => new(DockerConfigPath: "/nonexistent/config.json", CacheMaxBytes: 0) { Environment = _ => null };

    private void RequireRegistry()
    {
        if (_registry is null) Assert.Skip("docker-registry or skopeo is not installed (listed in .ci/apt-packages.txt)");
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_even_on_loopback_with_the_flags_to_fix_it()
    {
        RequireRegistry();
        var e = await Assert.ThrowsAsync<VigilException>(() => new RegistrySource(Options()).ResolveAsync(_reference, Ct));
        Assert.Equal(ErrorKind.Network, e.Kind);
        Assert.Contains("certificate", e.Message, StringComparison.Ordinal);
        Assert.Contains(_registry!.Authority, e.Message, StringComparison.Ordinal);
        Assert.Contains("--registry-ca", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_private_CA_is_trusted_with_registry_ca()
    {
        RequireRegistry();
        var (blobs, top) = await new RegistrySource(Options() with { CaFile = _certs.CaPem }).ResolveAsync(_reference, Ct);
        Assert.Equal(Uri.UriSchemeHttps, blobs.Endpoint.BaseUri.Scheme);
        Assert.Equal(ManifestMediaTypes.OciManifest, top.Content.MediaType);
    }

    [Fact]
    public async Task An_insecure_registry_skips_verification()
    {
        RequireRegistry();
        var (blobs, _) = await new RegistrySource(Options() with { InsecureRegistries = [_registry!.Authority] }).ResolveAsync(_reference, Ct);
        Assert.Equal(Uri.UriSchemeHttps, blobs.Endpoint.BaseUri.Scheme);
    }

    [Fact]
    public void A_missing_CA_file_is_a_usage_error()
    {
        var e = Assert.Throws<VigilException>(() => new RegistryClient(Options() with { CaFile = Path.Combine(_dir, "none.pem") }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
    }
}
