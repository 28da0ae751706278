using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Ranges;
using Vigil.Versioning.SemVer;

namespace Vigil.Versioning.Go;

/// <summary>
/// Go module versions as golang.org/x/mod/semver reads them: <c>v</c>-prefixed SemVer 2.0, with the shorthands
/// <c>v1</c> and <c>v1.2</c>; <c>+incompatible</c> is build metadata and pseudo-versions
/// (<c>v0.0.0-20191109021931-daa7c04131f5</c>) are pre-releases, so both order by plain SemVer precedence.
/// The 'v' is optional here because OSV's Go ranges omit it.
/// </summary>
public sealed partial class GoVersionScheme : IVersionScheme, IRangeSyntax
{
    public static GoVersionScheme Instance { get; } = new();

    public string Name => "go";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "version string is empty";
            return false;
        }

        var m = GoSemVer().Match(text);
        if (!m.Success)
        {
            reason = "not a Go module version (expected vMAJOR[.MINOR[.PATCH]][-prerelease][+build], no leading zeros)";
            return false;
        }

        var pre = m.Groups["pre"].Success ? m.Groups["pre"].Value.Split('.') : [];
        for (var i = 0; i < pre.Length; i++)
        {
            if (NumericText.IsDigits(pre[i])) pre[i] = NumericText.Normalize(pre[i]);
        }

        version = new SemanticVersion(
            text,
            m.Groups["major"].Value,
            m.Groups["minor"].Success ? m.Groups["minor"].Value : "0",
            m.Groups["patch"].Success ? m.Groups["patch"].Value : "0",
            pre,
            m.Groups["build"].Success ? m.Groups["build"].Value.Split('.') : []);
        reason = null;
        return true;
    }

    /// <summary>Go has no range syntax of its own; ranges are npm-style comparators over SemVer precedence.</summary>
    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason) =>
        GoRange.TryParse(this, text, out range, out reason);

    // x/mod/semver: shorthands may not carry a pre-release or build.
    [GeneratedRegex("""
        ^v?(?<major>0|[1-9][0-9]*)
        (?:
          \.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)
          (?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][a-zA-Z0-9-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][a-zA-Z0-9-]*))*))?
          (?:\+(?<build>[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*))?
        | \.(?<minor>0|[1-9][0-9]*)
        )?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GoSemVer();
}
