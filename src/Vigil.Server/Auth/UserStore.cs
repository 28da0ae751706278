using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core;
using Vigil.Server.Storage;

namespace Vigil.Server.Auth;

/// <summary>An access token as listed to its owner; the secret is shown once, at creation, and stored only as a hash.</summary>
public sealed record AccessTokenInfo(string Id, string User, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>A token just created, with its secret.</summary>
public sealed record CreatedAccessToken(AccessTokenInfo Info, string Secret);

/// <summary>A grant as stored.</summary>
public sealed record GrantInfo(string User, string Scope, AccessLevel Level);

/// <summary>Users, grants and access tokens in the metadata database.</summary>
public sealed class UserStore(MetadataDb db)
{
    public const string TokenPrefix = "vgl_";

    // PBKDF2 is slow on purpose; clients that send Basic on every request would pay it each time, and a client
    // retrying a wrong password would make the server pay it each time. Both outcomes are remembered briefly.
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, (bool Ok, DateTimeOffset Until)> verified = new(StringComparer.Ordinal);

    public async Task AddUserAsync(string name, string password, bool isAdmin, CancellationToken cancellationToken)
    {
        ValidateUserName(name);
        if (password.Length < 8) throw new VigilException(ErrorKind.Usage, "the password must have at least 8 characters");
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO users(name, password_hash, is_admin, created_at) VALUES ($n, $h, $a, $now)
            ON CONFLICT(name) DO UPDATE SET password_hash = $h, is_admin = $a
            """;
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$h", PasswordHasher.Hash(password));
        cmd.Parameters.AddWithValue("$a", isAdmin ? 1 : 0);
        cmd.Parameters.AddWithValue("$now", RegistryStore.Now());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteUserAsync(string name, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM users WHERE name = $n";
        cmd.Parameters.AddWithValue("$n", name);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Sets (or with <see cref="AccessLevel.None"/> removes) a grant on NS or NS/REPO.</summary>
    public async Task GrantAsync(string user, string scope, AccessLevel level, CancellationToken cancellationToken)
    {
        if (!Distribution.RepositoryName.IsValidScope(scope)) throw new VigilException(ErrorKind.Usage, $"'{scope}' is not a namespace or NS/REPO repository name");
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = level == AccessLevel.None
            ? "DELETE FROM grants WHERE user = $u AND scope = $s"
            : "INSERT INTO grants(user, scope, level) VALUES ($u, $s, $l) ON CONFLICT(user, scope) DO UPDATE SET level = $l";
        cmd.Parameters.AddWithValue("$u", user);
        cmd.Parameters.AddWithValue("$s", scope);
        cmd.Parameters.AddWithValue("$l", (int)level);
        try
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteExtendedErrorCode == 787)
        {
            throw new VigilException(ErrorKind.NotFound, $"no user '{user}'", "add it first with: vigil serve user add", e);
        }
    }

    public async Task<IReadOnlyList<GrantInfo>> ListGrantsAsync(string user, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT scope, level FROM grants WHERE user = $u ORDER BY scope";
        cmd.Parameters.AddWithValue("$u", user);
        var list = new List<GrantInfo>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(new GrantInfo(user, r.GetString(0), (AccessLevel)r.GetInt32(1)));
        return list;
    }

    /// <summary>The user's effective level on a repository: the higher of its namespace and repository grants; admins hold everything.</summary>
    public async Task<AccessLevel> LevelAsync(string user, string repository, CancellationToken cancellationToken)
    {
        var ns = Distribution.RepositoryName.Namespace(repository);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT MAX(l) FROM (
              SELECT 3 AS l FROM users WHERE name = $u AND is_admin = 1
              UNION ALL SELECT level FROM grants g JOIN users u ON u.name = g.user WHERE g.user = $u AND (g.scope = $ns OR g.scope = $repo))
            """;
        cmd.Parameters.AddWithValue("$u", user);
        cmd.Parameters.AddWithValue("$ns", ns);
        cmd.Parameters.AddWithValue("$repo", repository);
        var v = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return v is null or DBNull ? AccessLevel.None : (AccessLevel)Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> IsAdminAsync(string user, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT is_admin FROM users WHERE name = $u";
        cmd.Parameters.AddWithValue("$u", user);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public async Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM users WHERE name = $u";
        cmd.Parameters.AddWithValue("$u", user);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task<bool> VerifyPasswordAsync(string user, string password, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT password_hash FROM users WHERE name = $u";
        cmd.Parameters.AddWithValue("$u", user);
        if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string stored) return false;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\0{password}\0{stored}")));
        if (verified.TryGetValue(key, out var known) && known.Until > DateTimeOffset.UtcNow) return known.Ok;
        var ok = PasswordHasher.Verify(password, stored);
        if (verified.Count >= MaxRemembered) verified.Clear();
        verified[key] = (ok, DateTimeOffset.UtcNow.AddMinutes(ok ? 5 : 1));
        return ok;
    }

    public async Task<CreatedAccessToken> CreateTokenAsync(string user, string name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero) throw new VigilException(ErrorKind.Usage, "a token's lifetime must be positive");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        var info = new AccessTokenInfo(id, user, name, now, now + lifetime, null);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO access_tokens(id, user, name, secret_sha256, created_at, expires_at) VALUES ($id, $u, $n, $h, $c, $e)";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$u", user);
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$h", SecretHash(secret));
        cmd.Parameters.AddWithValue("$c", now.ToString("O"));
        cmd.Parameters.AddWithValue("$e", info.ExpiresAt.ToString("O"));
        try
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteExtendedErrorCode == 787)
        {
            throw new VigilException(ErrorKind.NotFound, $"no user '{user}'", "add it first with: vigil serve user add", e);
        }
        return new CreatedAccessToken(info, secret);
    }

    public async Task<bool> RevokeTokenAsync(string id, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE access_tokens SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$now", RegistryStore.Now());
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<AccessTokenInfo>> ListTokensAsync(string? user, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, user, name, created_at, expires_at, revoked_at FROM access_tokens WHERE $u IS NULL OR user = $u ORDER BY created_at";
        cmd.Parameters.AddWithValue("$u", (object?)user ?? DBNull.Value);
        var list = new List<AccessTokenInfo>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(ReadToken(r));
        return list;
    }

    /// <summary>The live token for a secret: null when unknown, expired or revoked.</summary>
    public async Task<AccessTokenInfo?> FindLiveTokenAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, user, name, created_at, expires_at, revoked_at FROM access_tokens WHERE secret_sha256 = $h";
        cmd.Parameters.AddWithValue("$h", SecretHash(secret));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var t = ReadToken(r);
        return IsLive(t) ? t : null;
    }

    /// <summary>Whether the token with this id is still live (tokens issued from it die with it).</summary>
    public async Task<bool> IsTokenLiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, user, name, created_at, expires_at, revoked_at FROM access_tokens WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) && IsLive(ReadToken(r));
    }

    private static bool IsLive(AccessTokenInfo t) => t.RevokedAt is null && t.ExpiresAt > DateTimeOffset.UtcNow;

    private static AccessTokenInfo ReadToken(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2),
        DateTimeOffset.Parse(r.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(r.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(5) ? null : DateTimeOffset.Parse(r.GetString(5), System.Globalization.CultureInfo.InvariantCulture));

    private static string SecretHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void ValidateUserName(string name)
    {
        if (name.Length is 0 or > 64 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            throw new VigilException(ErrorKind.Usage, $"'{name}' is not a valid user name", "use 1-64 letters, digits, '-', '_' or '.'");
        }
    }
}
