namespace Vigil.Images.Registry;

/// <summary>A login for one registry, as docker stores it.</summary>
/// <param name="IdentityToken">An OAuth2 refresh token (docker's "identitytoken", a helper's "&lt;token&gt;" user) traded at the realm.</param>
/// <param name="Source">Where it came from, for messages: "--username", "VIGIL_REGISTRY_USERNAME", "~/.docker/config.json auths", "docker-credential-pass".</param>
public sealed record RegistryCredential(string? Username, string? Password, string? IdentityToken, string Source)
{
    public override string ToString() => $"{Username ?? "(token)"} from {Source}";
}
