using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Pep440;

/// <summary>PEP 440 versions as pypa/packaging's <c>VERSION_PATTERN</c> accepts them; specifiers as its <c>SpecifierSet</c>.</summary>
public sealed partial class Pep440VersionScheme : IVersionScheme, IRangeSyntax
{
    public static Pep440VersionScheme Instance { get; } = new();

    public string Name => "pep440";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out Pep440Version? v, out reason);
        version = v;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out Pep440Version? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "version string is empty";
            return false;
        }

        // packaging's character classes are ASCII; refusing other letters up front also keeps the
        // case-insensitive match from folding e.g. U+0130 or the Kelvin sign into ASCII letters.
        var trimmed = text.AsSpan().Trim();
        foreach (var c in trimmed)
        {
            if (c > 0x7f)
            {
                reason = $"'{c}' (U+{(int)c:X4}) is not allowed in a PEP 440 version";
                return false;
            }
        }

        var m = VersionRegex().Match(trimmed.ToString());
        if (!m.Success)
        {
            reason = "not a PEP 440 version (expected [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local])";
            return false;
        }

        var epoch = m.Groups["epoch"].Success ? NumericText.Normalize(m.Groups["epoch"].ValueSpan) : "0";
        var releaseText = m.Groups["release"].Value.Split('.');
        var release = new string[releaseText.Length];
        for (var i = 0; i < release.Length; i++) release[i] = NumericText.Normalize(releaseText[i]);

        var preLabel = '\0';
        string? preNumber = null;
        if (m.Groups["pre_l"].Success)
        {
            preLabel = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => 'a',
                "b" or "beta" => 'b',
                _ => 'r',
            };
            preNumber = m.Groups["pre_n"].Success ? NumericText.Normalize(m.Groups["pre_n"].ValueSpan) : "0";
        }

        string? post = null;
        if (m.Groups["post_n1"].Success) post = NumericText.Normalize(m.Groups["post_n1"].ValueSpan);
        else if (m.Groups["post_l"].Success) post = m.Groups["post_n2"].Success ? NumericText.Normalize(m.Groups["post_n2"].ValueSpan) : "0";

        string? dev = null;
        if (m.Groups["dev_l"].Success) dev = m.Groups["dev_n"].Success ? NumericText.Normalize(m.Groups["dev_n"].ValueSpan) : "0";

        string[]? local = null;
        if (m.Groups["local"].Success)
        {
            local = m.Groups["local"].Value.ToLowerInvariant().Split(['.', '-', '_']);
            for (var i = 0; i < local.Length; i++)
            {
                if (NumericText.IsDigits(local[i])) local[i] = NumericText.Normalize(local[i]);
            }
        }

        version = new Pep440Version(text, epoch, release, preLabel, preNumber, post, dev, local);
        reason = null;
        return true;
    }

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = Pep440SpecifierSet.TryParse(text, out var set, out reason);
        range = set;
        return ok;
    }

    // packaging.version.VERSION_PATTERN, matched against ASCII input only.
    [GeneratedRegex("""
        ^v?
        (?:(?<epoch>[0-9]+)!)?
        (?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?
        (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?
        (?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?
        (?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
        $
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex VersionRegex();
}
