namespace Vigil.Images.Registry;

/// <summary>Where a registry's /v2/ API answers.</summary>
/// <param name="Domain">The name credentials and insecure-registry entries are keyed by: <c>docker.io</c>, <c>127.0.0.1:5000</c>, a mirror's host.</param>
/// <param name="BaseUri">Scheme, host and port, e.g. https://registry-1.docker.io/.</param>
/// <param name="IsMirror">True for a docker.io mirror, whose failures fall through to the next endpoint.</param>
public sealed record RegistryEndpoint(string Domain, Uri BaseUri, bool IsMirror = false)
{
    public override string ToString() => IsMirror ? $"{Domain} (mirror)" : Domain;

    /// <summary>Loopback registries get plain HTTP without asking, as dockerd treats 127.0.0.0/8.</summary>
    public static bool IsLoopback(string domain)
    {
        var host = HostOf(domain);
        return host == "localhost" || host.StartsWith("127.", StringComparison.Ordinal) || host == "::1";
    }

    /// <summary>The host of HOST[:PORT] or [IPv6][:PORT], without brackets.</summary>
    public static string HostOf(string domain)
    {
        if (domain.StartsWith('['))
        {
            var close = domain.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? domain[1..close] : domain;
        }
        var colon = domain.LastIndexOf(':');
        return (colon >= 0 ? domain[..colon] : domain).ToLowerInvariant();
    }
}
