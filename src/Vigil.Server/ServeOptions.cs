namespace Vigil.Server;

/// <summary>How <c>vigil serve</c> runs. Defaults serve both the CLI and tests.</summary>
/// <param name="DataDirectory">Blobs, uploads, metadata (SQLite) and the token signing key live here.</param>
/// <param name="Listen">host:port; port 0 picks a free port (see <see cref="RunningServer.BaseAddress"/>).</param>
/// <param name="DatabasePath">The vulnerability database; null means DATA/vulndb.sqlite.</param>
/// <param name="ScanWorkers">Background scan workers.</param>
/// <param name="SigningKeyPath">The ES256 token signing key (PEM); null means DATA/keys/token-signing.pem, created on first start.</param>
/// <param name="TokenLifetime">How long a token from /auth/token lives.</param>
/// <param name="MaxManifestBytes">Larger manifests get 413 (the spec asks registries to accept at least 4 MiB).</param>
/// <param name="PublicUrl">The URL clients reach the server at, for the token realm; null means the request's own scheme and host.</param>
/// <param name="UploadExpiry">An upload session nothing has written to for this long is removed; null means 24 hours.</param>
public sealed record ServeOptions(
    string DataDirectory,
    string Listen = "127.0.0.1:5000",
    string? DatabasePath = null,
    int ScanWorkers = 2,
    string? SigningKeyPath = null,
    TimeSpan? TokenLifetime = null,
    long MaxManifestBytes = 4 * 1024 * 1024,
    string? PublicUrl = null,
    TimeSpan? UploadExpiry = null)
{
    public TimeSpan EffectiveUploadExpiry => UploadExpiry ?? TimeSpan.FromHours(24);

    public TimeSpan EffectiveTokenLifetime => TokenLifetime ?? TimeSpan.FromMinutes(5);

    public string EffectiveDatabasePath => DatabasePath ?? Path.Combine(DataDirectory, "vulndb.sqlite");

    public string EffectiveSigningKeyPath => SigningKeyPath ?? Path.Combine(DataDirectory, "keys", "token-signing.pem");
}
