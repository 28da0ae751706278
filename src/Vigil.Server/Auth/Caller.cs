namespace Vigil.Server.Auth;

/// <summary>Who is asking. <see cref="Scopes"/> is set only for a registry token: it limits the caller to those actions.</summary>
public sealed record Caller(string User, bool IsAdmin, IReadOnlyList<TokenAccess>? Scopes)
{
    /// <summary>Whether the token scopes (if any) carry <paramref name="word"/> on <paramref name="repository"/>.</summary>
    public bool ScopeAllows(string repository, string word) =>
        Scopes is null || Scopes.Any(s => s.Type == "repository" && s.Name == repository && (s.Actions.Contains(word) || s.Actions.Contains("*")));
}

public enum Decision
{
    Allowed,
    /// <summary>401: no credentials, bad credentials, or a token without the scope (the client should fetch another).</summary>
    Unauthenticated,
    /// <summary>403: known caller without the grant.</summary>
    Forbidden,
}
