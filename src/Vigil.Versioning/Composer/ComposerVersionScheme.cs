using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Composer;

/// <summary>
/// Composer/Packagist versions (order of PHP's <c>version_compare</c>, as OSV and packagist.tsv use it) and
/// constraints (composer/semver's <c>parseConstraints</c> and <c>Semver::satisfies</c>).
/// </summary>
public sealed class ComposerVersionScheme : IVersionScheme, IRangeSyntax
{
    public static ComposerVersionScheme Instance { get; } = new();

    private ComposerVersionScheme()
    {
    }

    public string Name => "composer";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out ComposerVersion? v, out reason);
        version = v;
        return ok;
    }

    /// <summary>
    /// Accepts an optional v or V, then a number, then numbers and words joined by <c>. - _ +</c> or written together
    /// (1.0RC1). Refuses branches (dev-main, 1.x-dev), '#', blanks, other characters and empty parts: PHP would still
    /// order them, but below every release, which would read a branch install as "not affected".
    /// </summary>
    public bool TryParse(string text, [NotNullWhen(true)] out ComposerVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "version string is empty";
            return false;
        }

        if (text.AsSpan().ContainsAny(Blanks))
        {
            reason = "contains a blank";
            return false;
        }

        var body = text.AsSpan();
        if (body[0] is 'v' or 'V') body = body[1..];
        if (body.StartsWith("dev-", StringComparison.OrdinalIgnoreCase))
        {
            reason = "a branch (dev-name), not a release: Composer orders branches apart from versions";
            return false;
        }

        if (body.IsEmpty || !char.IsAsciiDigit(body[0]))
        {
            reason = "a Composer version starts with a number, optionally after 'v'";
            return false;
        }

        if (!PhpVersionOrder.TrySplit(body, out var parts, out reason)) return false;
        if (HasWildcard(body))
        {
            reason = "a branch alias (1.x-dev, 2.1.x): x stands for any number, so it is not one release";
            return false;
        }

        var normalized = ComposerNormalizer.TryNormalize(text, out var n, out _) ? n : null;
        var key = normalized is not null && PhpVersionOrder.TrySplit(normalized, out var np, out _) ? np : PadRelease(parts);
        version = new ComposerVersion(text, parts, normalized, key);
        return true;
    }

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = ComposerConstraint.TryParse(text, out var c, out reason);
        range = c;
        return ok;
    }

    private static readonly System.Buffers.SearchValues<char> Blanks = System.Buffers.SearchValues.Create(" \t\n\r\v\f\0");

    // An x or X standing alone between separators, as in 1.x-dev or 2.1.x (not the x of 1.0.0-x86).
    private static bool HasWildcard(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is not ('x' or 'X')) continue;
            var before = i == 0 || s[i - 1] is '.' or '-' or '_' or '+';
            var after = i == s.Length - 1 || s[i + 1] is '.' or '-' or '_' or '+';
            if (before && after) return true;
        }

        return false;
    }

    // For versions Composer's normalize refuses: pad the leading numbers to four as normalize would, so that
    // 3.0b1.post1 still falls in >=3.0 (3.0.0.0-dev) rather than below it.
    private static VersionPart[] PadRelease(VersionPart[] parts)
    {
        var numbers = 0;
        while (numbers < parts.Length && parts[numbers].IsNumber) numbers++;
        if (numbers >= 4) return parts;
        var zero = VersionPart.Number("0");
        return [.. parts[..numbers], .. Enumerable.Repeat(zero, 4 - numbers), .. parts[numbers..]];
    }
}
