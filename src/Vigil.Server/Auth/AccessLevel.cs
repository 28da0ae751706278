namespace Vigil.Server.Auth;

/// <summary>A grant on a namespace (NS) or repository (NS/REPO). Higher includes lower.</summary>
public enum AccessLevel
{
    None = 0,
    /// <summary>Pull, read scan results.</summary>
    Read = 1,
    /// <summary>Also push and ask for scans.</summary>
    Write = 2,
    /// <summary>Also delete and change repository settings.</summary>
    Admin = 3,
}

/// <summary>What a request does to a repository; each needs a level, and a token scope action.</summary>
public enum RepoAction
{
    Pull,
    Push,
    Delete,
    Scan,
}

public static class RepoActions
{
    public static AccessLevel Required(this RepoAction a) => a switch
    {
        RepoAction.Pull => AccessLevel.Read,
        RepoAction.Push or RepoAction.Scan => AccessLevel.Write,
        _ => AccessLevel.Admin,
    };

    /// <summary>The action word a Docker token scope carries for it; scans ride on push.</summary>
    public static string ScopeWord(this RepoAction a) => a switch
    {
        RepoAction.Pull => "pull",
        RepoAction.Push or RepoAction.Scan => "push",
        _ => "delete",
    };

    /// <summary>The scope words a level allows.</summary>
    public static IEnumerable<string> Words(AccessLevel level) => level switch
    {
        AccessLevel.Read => ["pull"],
        AccessLevel.Write => ["pull", "push"],
        AccessLevel.Admin => ["pull", "push", "delete", "*"],
        _ => [],
    };

    public static bool TryParseLevel(string text, out AccessLevel level)
    {
        level = text.Trim().ToLowerInvariant() switch
        {
            "read" or "pull" => AccessLevel.Read,
            "write" or "push" => AccessLevel.Write,
            "admin" => AccessLevel.Admin,
            _ => AccessLevel.None,
        };
        return level != AccessLevel.None;
    }

    public static string ToText(this AccessLevel level) => level.ToString().ToLowerInvariant();
}
