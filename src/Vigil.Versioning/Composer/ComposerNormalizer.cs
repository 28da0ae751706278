using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Vigil.Versioning.Composer;

/// <summary>
/// composer/semver 3.3 <c>VersionParser::normalize</c>, <c>normalizeBranch</c> and <c>parseStability</c>, ported
/// regular expression by regular expression so that constraint bounds come out as the same strings.
/// PCRE's possessive quantifiers are written as atomic groups; <c>\d</c> and <c>\s</c> as the ASCII classes PCRE means.
/// </summary>
internal static partial class ComposerNormalizer
{
    // PCRE's \s without the u flag; PHP's trim() strips " \t\n\r\0\x0B".
    internal const string Ws = " \\t\\n\\x0B\\f\\r";
    private static readonly char[] TrimChars = [' ', '\t', '\n', '\r', '\0', '\x0B'];

    /// <summary>VersionParser::$modifierRegex: groups stability, its numbers, dev.</summary>
    internal const string Modifier = "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?>(?:[.-]?[0-9]+)*))?)?([.-]?dev)?";

    internal const string Stabilities = "stable|RC|beta|alpha|dev";

    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static string PhpTrim(string s) => s.Trim(TrimChars);

    public static bool TryNormalize(string text, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        var version = PhpTrim(text);
        var original = version;
        normalized = null;
        error = null;

        var m = Alias().Match(version);
        if (m.Success) version = m.Groups[1].Value;

        m = StabilityFlag().Match(version);
        if (m.Success) version = version[..^m.Length];

        if (version is "master" or "trunk" or "default") version = "dev-" + version;

        if (version.StartsWith("dev-", StringComparison.OrdinalIgnoreCase))
        {
            normalized = "dev-" + version[4..];
            return true;
        }

        m = BuildMetadata().Match(version);
        if (m.Success) version = m.Groups[1].Value;

        int index;
        m = Classical().Match(version);
        if (m.Success)
        {
            version = m.Groups[1].Value + OrZero(m.Groups[2].Value) + OrZero(m.Groups[3].Value) + OrZero(m.Groups[4].Value);
            index = 5;
        }
        else
        {
            m = Dated().Match(version);
            index = 2;
            if (m.Success) version = NonDigit().Replace(m.Groups[1].Value, ".");
        }

        if (m.Success)
        {
            var stability = m.Groups[index].Value;
            if (stability.Length > 0)
            {
                // Case-sensitive in composer/semver: "STABLE" goes on to be expanded as "-stable".
                if (stability == "stable")
                {
                    normalized = version;
                    return true;
                }

                version += "-" + ExpandStability(stability) + m.Groups[index + 1].Value.TrimStart('.', '-');
            }

            if (m.Groups[index + 2].Value.Length > 0) version += "-dev";
            normalized = version;
            return true;
        }

        m = DevSuffix().Match(version);
        if (m.Success)
        {
            var branch = NormalizeBranch(m.Groups[1].Value);
            // A name ending in -dev is a numeric branch only; anything else should have been written dev-name.
            if (!branch.Contains("dev-", StringComparison.Ordinal))
            {
                normalized = branch;
                return true;
            }
        }

        error = $"Invalid version string \"{original}\"";
        return false;
    }

    /// <summary>VersionParser::normalizeBranch: "2.1.x" reads as 2.1.9999999.9999999-dev, other names as dev-name.</summary>
    public static string NormalizeBranch(string name)
    {
        name = PhpTrim(name);
        var m = NumericBranch().Match(name);
        if (!m.Success) return "dev-" + name;
        var version = "";
        for (var i = 1; i < 5; i++)
        {
            version += m.Groups[i].Success ? m.Groups[i].Value.Replace('*', 'x').Replace('X', 'x') : ".x";
        }

        return version.Replace("x", "9999999", StringComparison.Ordinal) + "-dev";
    }

    /// <summary>VersionParser::parseStability: stable, RC, beta, alpha or dev.</summary>
    public static string ParseStability(string version)
    {
        version = Reference().Replace(version, "");
        if (version.StartsWith("dev-", StringComparison.Ordinal) || version.EndsWith("-dev", StringComparison.Ordinal)) return "dev";
        var m = StabilityAtEnd().Match(version.ToLowerInvariant());
        if (m.Groups[3].Value.Length > 0) return "dev";
        return m.Groups[1].Value switch
        {
            "beta" or "b" => "beta",
            "alpha" or "a" => "alpha",
            "rc" => "RC",
            _ => "stable",
        };
    }

    private static string OrZero(string part) => part.Length > 0 ? part : ".0";

    private static string ExpandStability(string stability) => stability.ToLowerInvariant() switch
    {
        "a" => "alpha",
        "b" => "beta",
        "p" or "pl" => "patch",
        "rc" => "RC",
        var s => s,
    };

    [GeneratedRegex("^((?>[^," + Ws + "]+))(?> +)as(?> +)((?>[^," + Ws + "]+))$", RegexOptions.CultureInvariant)]
    internal static partial Regex Alias();

    [GeneratedRegex("@(?:" + Stabilities + ")$", I)]
    private static partial Regex StabilityFlag();

    [GeneratedRegex("^((?>[^," + Ws + "+]+))\\+(?>[^" + Ws + "]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildMetadata();

    [GeneratedRegex("^v?([0-9]{1,5})(\\.(?>[0-9]+))?(\\.(?>[0-9]+))?(\\.(?>[0-9]+))?" + Modifier + "$", I)]
    private static partial Regex Classical();

    [GeneratedRegex("^v?([0-9]{4}(?:[.:-]?[0-9]{2}){1,6}(?:[.:-]?[0-9]{1,3})?)" + Modifier + "$", I)]
    private static partial Regex Dated();

    [GeneratedRegex("[^0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex NonDigit();

    [GeneratedRegex("(.*?)[.-]?dev$", I)]
    private static partial Regex DevSuffix();

    [GeneratedRegex("^v?((?>[0-9]+))(\\.(?:(?>[0-9]+)|[xX*]))?(\\.(?:(?>[0-9]+)|[xX*]))?(\\.(?:(?>[0-9]+)|[xX*]))?$", I)]
    private static partial Regex NumericBranch();

    [GeneratedRegex("#.+$", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(Modifier + "(?:\\+.*)?$", I)]
    private static partial Regex StabilityAtEnd();
}
