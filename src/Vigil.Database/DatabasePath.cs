namespace Vigil.Database;

/// <summary>Where the vulnerability database lives when the user does not say.</summary>
public static class DatabasePath
{
    public const string EnvironmentVariable = "VIGIL_DB";

    /// <summary>The option, else <c>$VIGIL_DB</c>, else <c>$XDG_CACHE_HOME/vigil/vigil.db</c>, else <c>~/.cache/vigil/vigil.db</c>.</summary>
    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache) || !Path.IsPathRooted(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(cache, "vigil", "vigil.db");
    }
}
