using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.SemVer;

/// <summary>
/// Strict SemVer 2.0 as node-semver reads it without <c>loose</c> (surrounding blanks and one leading 'v' allowed);
/// the scheme of OSV's SEMVER ranges. Ranges use the npm grammar.
/// </summary>
public sealed class SemVerScheme : IVersionScheme, IRangeSyntax
{
    public static SemVerScheme Instance { get; } = new();

    public string Name => "semver";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = SemVerParser.TryParse(text, loose: false, limitNumbers: false, out var v, out reason);
        version = v;
        return ok;
    }

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = NpmRange.TryParse(text, new NpmRangeOptions(), out var r, out reason);
        range = r;
        return ok;
    }
}
