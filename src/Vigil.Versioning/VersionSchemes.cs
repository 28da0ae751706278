using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Apk;
using Vigil.Versioning.Composer;
using Vigil.Versioning.Deb;
using Vigil.Versioning.Gem;
using Vigil.Versioning.Go;
using Vigil.Versioning.Maven;
using Vigil.Versioning.Npm;
using Vigil.Versioning.NuGet;
using Vigil.Versioning.SemVer;
using Vigil.Versioning.Pep440;
using Vigil.Versioning.Rpm;

namespace Vigil.Versioning;

/// <summary>The one registration list of version schemes; advisory feeds and the CLI name them by <see cref="IVersionScheme.Name"/>.</summary>
public static class VersionSchemes
{
    public static IReadOnlyList<IVersionScheme> All { get; } =
    [
        DebVersionScheme.Instance,
        ApkVersionScheme.Instance,
        RpmVersionScheme.Instance,
        Pep440VersionScheme.Instance,
        SemVerScheme.Instance,
        NpmVersionScheme.Instance,
        GoVersionScheme.Instance,
        GemVersionScheme.Instance,
        MavenVersionScheme.Instance,
        NuGetVersionScheme.Instance,
        ComposerVersionScheme.Instance,
    ];

    private static readonly Dictionary<string, IVersionScheme> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The scheme called <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the known names otherwise.</summary>
    public static IVersionScheme Get(string name) =>
        TryGet(name, out var scheme)
            ? scheme
            : throw new ArgumentException($"unknown version scheme '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}", nameof(name));

    public static bool TryGet(string name, [NotNullWhen(true)] out IVersionScheme? scheme)
    {
        if (name is not null && ByName.TryGetValue(name, out scheme)) return true;
        scheme = null;
        return false;
    }
}
