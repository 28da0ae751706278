using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Vigil.TestKit.Registry;

/// <summary>
/// A small docker token service (the realm of a registry's Bearer challenge) on 127.0.0.1: checks Basic credentials,
/// grants the requested repository actions, and signs an ES256 JWT whose x5c header carries a self-signed certificate.
/// The CNCF registry trusts it through <see cref="RootCertBundle"/> (auth.token.rootcertbundle).
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string Service = "vigil-test-registry";
    public const string Issuer = "vigil-test-issuer";

    private readonly ECDsa _key;
    private readonly X509Certificate2 _certificate;
    private readonly string _directory;
    private LoopbackServer? _server;

    private TokenIssuer(string user, string password, bool anonymousPull)
    {
        User = user;
        Password = password;
        AnonymousPull = anonymousPull;
        _directory = Directory.CreateTempSubdirectory("vigil-token-").FullName;
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Issuer}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        RootCertBundle = Path.Combine(_directory, "bundle.pem");
        File.WriteAllText(RootCertBundle, _certificate.ExportCertificatePem() + "\n");
    }

    public string User { get; }

    public string Password { get; }

    /// <summary>Whether a request without credentials gets pull access (like Docker Hub's public repositories).</summary>
    public bool AnonymousPull { get; }

    public string RootCertBundle { get; }

    public Uri Realm => new(_server!.BaseUri, "token");

    /// <summary>Every token request as "user scope" (user "-" when anonymous), in order.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    public RegistryAuth.Token RegistryAuth => new(Realm, Service, Issuer, RootCertBundle);

    public static async Task<TokenIssuer> StartAsync(string user, string password, bool anonymousPull, CancellationToken cancellationToken)
    {
        var issuer = new TokenIssuer(user, password, anonymousPull);
        issuer._server = await LoopbackServer.StartAsync(issuer.HandleAsync, cancellationToken);
        return issuer;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/token") { context.Response.StatusCode = 404; return; }
        var user = Authenticate(context.Request.Headers.Authorization.ToString());
        if (user is null) { context.Response.StatusCode = (int)HttpStatusCode.Unauthorized; return; }
        var scopes = context.Request.Query["scope"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        foreach (var s in scopes) Issued.Enqueue($"{(user.Length == 0 ? "-" : user)} {s}");
        var token = Sign(user, scopes, context.Request.Query["service"].ToString());
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token, ["access_token"] = token }, TestKitJsonContext.Default.DictionaryStringString));
    }

    /// <summary>The user name, "" for anonymous when allowed, null when refused.</summary>
    private string? Authenticate(string header)
    {
        if (string.IsNullOrEmpty(header)) return AnonymousPull ? "" : null;
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        return decoded == $"{User}:{Password}" ? User : null;
    }

    private string Sign(string user, List<string> scopes, string service)
    {
        var access = new MemoryStream();
        using (var w = new Utf8JsonWriter(access))
        {
            w.WriteStartArray();
            foreach (var scope in scopes)
            {
                // repository:NAME:ACTIONS; NAME may itself hold a colon (host:port is not in it, but be lenient).
                var first = scope.IndexOf(':', StringComparison.Ordinal);
                var last = scope.LastIndexOf(':');
                if (first < 0 || last <= first) continue;
                var actions = scope[(last + 1)..].Split(',');
                if (user.Length == 0) actions = actions.Where(a => a == "pull").ToArray();
                w.WriteStartObject();
                w.WriteString("type", scope[..first]);
                w.WriteString("name", scope[(first + 1)..last]);
                w.WriteStartArray("actions");
                foreach (var a in actions) w.WriteStringValue(a);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        using var accessDoc = JsonDocument.Parse(access.ToArray());
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = string.IsNullOrEmpty(service) ? Service : service,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["access"] = accessDoc.RootElement.Clone(),
            },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key), SecurityAlgorithms.EcdsaSha256),
            AdditionalHeaderClaims = new Dictionary<string, object> { ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) } },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _certificate.Dispose();
        _key.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
