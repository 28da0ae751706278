using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;
using Vigil.Versioning.SemVer;

namespace Vigil.Versioning.Npm;

/// <summary>
/// npm package versions as node-semver reads them with <c>loose: true</c> (so "v1.2.3", "=1.2.3", "1.2.3beta" parse),
/// ordered as <c>semver.compare</c>; ranges are node-semver ranges with the same options.
/// </summary>
public sealed class NpmVersionScheme : IVersionScheme, IRangeSyntax
{
    public static NpmVersionScheme Instance { get; } = new();

    private static readonly NpmRangeOptions LooseOptions = new(Loose: true);

    public string Name => "npm";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = SemVerParser.TryParse(text, loose: true, limitNumbers: true, out var v, out reason);
        version = v;
        return ok;
    }

    /// <summary>Parses with explicit node-semver options (strict when <paramref name="loose"/> is false).</summary>
    public static bool TryParse(string text, bool loose, [NotNullWhen(true)] out SemanticVersion? version, [NotNullWhen(false)] out string? reason) =>
        SemVerParser.TryParse(text, loose, limitNumbers: true, out version, out reason);

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = NpmRange.TryParse(text, LooseOptions, out var r, out reason);
        range = r;
        return ok;
    }
}
