using System.Text.RegularExpressions;

namespace Vigil.Server.Distribution;

/// <summary>
/// Repository names as the distribution spec writes them, with Vigil's rule on top: at least NS/REPO,
/// because grants are per namespace.
/// </summary>
public static partial class RepositoryName
{
    private const int MaxLength = 255;

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Component();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    public static bool IsValid(string name)
    {
        if (name.Length > MaxLength) return false;
        var parts = name.Split('/');
        return parts.Length >= 2 && parts.All(p => Component().IsMatch(p));
    }

    /// <summary>A grant scope: a namespace alone, or a full repository name.</summary>
    public static bool IsValidScope(string scope) =>
        scope.Length <= MaxLength && (IsValid(scope) || (!scope.Contains('/', StringComparison.Ordinal) && Component().IsMatch(scope)));

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    public static string Namespace(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? repository : repository[..slash];
    }
}
