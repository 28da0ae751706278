using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Vigil.Versioning.SemVer;

/// <summary>node-semver's version grammar (re.js FULL and LOOSE), shared by the semver, npm and go schemes.</summary>
internal static partial class SemVerParser
{
    // node-semver refuses longer input and numbers above Number.MAX_SAFE_INTEGER.
    public const int MaxLength = 256;
    private const string MaxSafeInteger = "9007199254740991";

    public static bool TryParse(string text, bool loose, bool limitNumbers, [NotNullWhen(true)] out SemanticVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "version string is empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            reason = $"version is longer than {MaxLength} characters";
            return false;
        }

        var t = text.Trim();
        var m = (loose ? Loose() : Full()).Match(t);
        if (!m.Success)
        {
            reason = loose
                ? "not a semantic version (expected [v=]major.minor.patch[-prerelease][+build])"
                : "not a semantic version (expected [v]major.minor.patch[-prerelease][+build], no leading zeros)";
            return false;
        }

        var parts = new string[3];
        for (var i = 0; i < 3; i++)
        {
            parts[i] = NumericText.Normalize(m.Groups[i + 1].ValueSpan);
            if (limitNumbers && NumericText.Compare(parts[i], MaxSafeInteger) > 0)
            {
                reason = $"'{m.Groups[i + 1].Value}' is above node-semver's largest number (2^53-1)";
                return false;
            }
        }

        var pre = m.Groups[4].Success ? m.Groups[4].Value.Split('.') : [];
        for (var i = 0; i < pre.Length; i++)
        {
            // Numeric identifiers compare as numbers; node-semver keeps too-large ones as strings.
            if (NumericText.IsDigits(pre[i]))
            {
                var n = NumericText.Normalize(pre[i]);
                if (!limitNumbers || NumericText.Compare(n, MaxSafeInteger) < 0) pre[i] = n;
            }
        }

        var build = m.Groups[5].Success ? m.Groups[5].Value.Split('.') : [];
        version = new SemanticVersion(text, parts[0], parts[1], parts[2], pre, build);
        reason = null;
        return true;
    }

    internal const string Numeric = "0|[1-9][0-9]*";
    internal const string NumericLoose = "[0-9]+";
    internal const string NonNumeric = "[0-9]*[a-zA-Z-][a-zA-Z0-9-]*";
    internal const string PreId = "(?:" + Numeric + "|" + NonNumeric + ")";
    internal const string PreIdLoose = "(?:" + NumericLoose + "|" + NonNumeric + ")";
    internal const string Prerelease = "(?:-(" + PreId + "(?:\\." + PreId + ")*))";
    internal const string PrereleaseLoose = "(?:-?(" + PreIdLoose + "(?:\\." + PreIdLoose + ")*))";
    internal const string BuildPart = "(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))";
    internal const string FullPlain = "v?(" + Numeric + ")\\.(" + Numeric + ")\\.(" + Numeric + ")" + Prerelease + "?" + BuildPart + "?";
    internal const string LoosePlain = "[v=\\s]*(" + NumericLoose + ")\\.(" + NumericLoose + ")\\.(" + NumericLoose + ")" + PrereleaseLoose + "?" + BuildPart + "?";

    [GeneratedRegex("^" + FullPlain + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Full();

    [GeneratedRegex("^" + LoosePlain + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Loose();
}
