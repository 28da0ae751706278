using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Vigil.Server.Auth;

/// <summary>One entry of a Docker token's "access" claim.</summary>
public sealed record TokenAccess(string Type, string Name, IReadOnlyList<string> Actions);

/// <summary>What a validated token says.</summary>
/// <param name="AccessTokenId">Set when the token was issued against a personal access token: it dies when that one is revoked.</param>
public sealed record TokenClaims(string Subject, IReadOnlyList<TokenAccess> Access, string? AccessTokenId, DateTimeOffset Expires);

/// <summary>
/// Signs and checks Docker registry tokens (ES256). The key is made on first start and kept under the data directory
/// with owner-only permissions, so tokens survive restarts.
/// </summary>
public sealed class TokenIssuer
{
    public const string Issuer = "vigil";
    public const string Service = "vigil-registry";

    private readonly ECDsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenValidationParameters validation;

    public TokenIssuer(string keyPath)
    {
        var ecdsa = ECDsa.Create();
        if (File.Exists(keyPath))
        {
            ecdsa.ImportFromPem(File.ReadAllText(keyPath));
        }
        else
        {
            ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyPath))!);
            var tmp = keyPath + ".tmp";
            File.WriteAllText(tmp, ecdsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(tmp, keyPath, overwrite: false);
        }
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        key = new ECDsaSecurityKey(ecdsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(spki))[..32] };
        validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Service,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
        };
    }

    public string Issue(string subject, IReadOnlyList<TokenAccess> access, string? accessTokenId, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["access"] = JsonSerializer.SerializeToElement(access.ToList(), ServerJsonContext.Default.ListTokenAccess),
        };
        if (accessTokenId is not null) claims["pat"] = accessTokenId;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Service,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
        return handler.CreateToken(descriptor);
    }

    /// <summary>The claims of a valid token; null for anything else (bad signature, expired, not a JWT).</summary>
    public async Task<TokenClaims?> ValidateAsync(string token)
    {
        if (token.Count(c => c == '.') != 2) return null;
        var result = await handler.ValidateTokenAsync(token, validation).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        try
        {
            var payload = Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload);
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var access = root.TryGetProperty("access", out var a) && a.ValueKind == JsonValueKind.Array
                ? a.Deserialize(ServerJsonContext.Default.ListTokenAccess) ?? []
                : [];
            var pat = root.TryGetProperty("pat", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return new TokenClaims(jwt.Subject, access, pat, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
