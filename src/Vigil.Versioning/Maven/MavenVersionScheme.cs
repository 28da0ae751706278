using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Maven;

/// <summary>
/// Maven versions (<c>ComparableVersion</c> of Maven 3.9) and version ranges (<c>[1.0,2.0)</c>, <c>(,1.5]</c>,
/// <c>[1.2]</c>, comma-joined sets).
/// </summary>
public sealed class MavenVersionScheme : IVersionScheme, IRangeSyntax
{
    public static MavenVersionScheme Instance { get; } = new();

    public string Name => "maven";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out MavenVersion? v, out reason);
        version = v;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out MavenVersion? version, [NotNullWhen(false)] out string? reason)
    {
        // Maven reads "" as a version below everything; an empty installed version is a defect to report, not a value.
        if (string.IsNullOrEmpty(text))
        {
            version = null;
            reason = "version string is empty";
            return false;
        }

        version = new MavenVersion(text);
        reason = null;
        return true;
    }

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = MavenVersionRange.TryParse(text, out var r, out reason);
        range = r;
        return ok;
    }
}
