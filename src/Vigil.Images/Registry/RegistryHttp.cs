using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Vigil.Core;

namespace Vigil.Images.Registry;

/// <summary>
/// The transport: one verifying and one permissive (insecure-registry) HttpClient, retries with backoff on
/// 429, 5xx and broken connections honouring Retry-After, and plain-HTTP fallback only where allowed.
/// </summary>
internal sealed class RegistryHttp : IDisposable
{
    private readonly RegistryOptions _options;
    private readonly HttpClient _strict;
    private readonly HttpClient _insecure;
    private readonly X509Certificate2Collection? _extraRoots;
    private readonly List<HttpMessageHandler> _ownedHandlers = [];

    public RegistryHttp(RegistryOptions options, HttpMessageHandler? handler)
    {
        _options = options;
        if (options.CaFile is { } caFile)
        {
            if (!File.Exists(caFile))
                throw new VigilException(ErrorKind.Usage, $"the registry CA file {caFile} does not exist", "pass a PEM file with --registry-ca");
            _extraRoots = [];
            _extraRoots.ImportFromPemFile(caFile);
            if (_extraRoots.Count == 0)
                throw new VigilException(ErrorKind.Usage, $"the registry CA file {caFile} holds no PEM certificate", "pass a PEM file with --registry-ca");
        }
        _strict = NewClient(handler ?? Own(NewHandler(insecure: false)), options);
        _insecure = NewClient(handler ?? Own(NewHandler(insecure: true)), options);
    }

    /// <summary>An --insecure-registry: plain HTTP allowed and TLS certificates not checked.</summary>
    public bool IsInsecure(string domain) =>
        _options.InsecureRegistries?.Any(r => string.Equals(CredentialStore.NormaliseKey(r), domain, StringComparison.OrdinalIgnoreCase)) ?? false;

    /// <summary>
    /// Whether plain HTTP may be used: insecure registries, and loopback ones as dockerd allows. Unlike dockerd, a
    /// loopback registry that does speak TLS still has its certificate checked (pass --registry-ca for a private CA).
    /// </summary>
    public bool AllowsPlainHttp(string domain) => RegistryEndpoint.IsLoopback(domain) || IsInsecure(domain);

    public HttpClient ClientFor(RegistryEndpoint endpoint) => IsInsecure(endpoint.Domain) ? _insecure : _strict;

    /// <summary>
    /// Sends a request built afresh for each try. Returns any answer that is not worth retrying (callers judge 4xx);
    /// 429 and 5xx are retried until the policy runs out, and then the last answer is returned.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, string what, CancellationToken cancellationToken)
    {
        var policy = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                }
                catch (HttpRequestException e) when (IsUntrustedCertificate(e))
                {
                    throw new VigilException(ErrorKind.Network, $"the TLS certificate of {what} is not trusted: {Describe(e)}",
                        "pass the registry's CA certificate with --registry-ca FILE, or, only for a registry you control, --insecure-registry HOST[:PORT]", e);
                }
                catch (Exception e) when (IsTransient(e, cancellationToken))
                {
                    if (attempt >= policy.MaxAttempts)
                        throw new VigilException(ErrorKind.Network, $"could not reach {what} after {attempt} tries: {Describe(e)}",
                            "check that the registry is up and reachable, and any proxy settings", e);
                    await policy.Delay(policy.Backoff(attempt), cancellationToken);
                    continue;
                }
            }

            if (!IsRetryable(response.StatusCode) || attempt >= policy.MaxAttempts) return response;

            var wait = RetryAfter(response) ?? policy.Backoff(attempt);
            if (wait > policy.EffectiveMaxDelay)
            {
                response.Dispose();
                throw new VigilException(ErrorKind.Network,
                    $"{what} answered {(int)response.StatusCode} and asked Vigil to wait {wait.TotalSeconds:0} s before trying again",
                    "wait and try again, log in to get a higher rate limit, or use --registry-mirror");
            }
            response.Dispose();
            await policy.Delay(wait, cancellationToken);
        }
    }

    /// <summary>Picks https, or http for a registry allowed plain HTTP that does not speak TLS (as dockerd does).</summary>
    public async Task<Uri> ProbeSchemeAsync(string domain, CancellationToken cancellationToken)
    {
        var https = new Uri($"https://{domain}/");
        if (!AllowsPlainHttp(domain)) return https;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(https, "v2/"));
            using var _ = await ClientFor(new RegistryEndpoint(domain, https)).SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return https;
        }
        catch (HttpRequestException e) when (IsUntrustedCertificate(e))
        {
            // It speaks TLS: falling back to HTTP would hide the real problem, an untrusted certificate.
            return https;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new Uri($"http://{domain}/");
        }
    }

    internal static bool IsUntrustedCertificate(Exception e)
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
        {
            if (x is System.Security.Authentication.AuthenticationException && x.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    internal static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    internal static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    internal static string Describe(Exception e) =>
        e is OperationCanceledException ? "timed out" : e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private HttpMessageHandler Own(HttpMessageHandler handler)
    {
        _ownedHandlers.Add(handler);
        return handler;
    }

    private static HttpClient NewClient(HttpMessageHandler handler, RegistryOptions options)
    {
        var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        return client;
    }

    private SocketsHttpHandler NewHandler(bool insecure) => new()
    {
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxAutomaticRedirections = 10,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = insecure ? static (_, _, _, _) => true : ValidateWithExtraRoots,
        },
    };

    /// <summary>The system's trust plus the --registry-ca bundle; the host name must still match.</summary>
    private bool ValidateWithExtraRoots(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (_extraRoots is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public void Dispose()
    {
        _strict.Dispose();
        _insecure.Dispose();
        foreach (var h in _ownedHandlers) h.Dispose();
    }
}
