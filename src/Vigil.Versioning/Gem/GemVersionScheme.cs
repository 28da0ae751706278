using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Gem;

/// <summary>RubyGems versions (<c>Gem::Version</c>) and requirements (<c>Gem::Requirement</c>, including <c>~&gt;</c>).</summary>
public sealed partial class GemVersionScheme : IVersionScheme, IRangeSyntax
{
    public static GemVersionScheme Instance { get; } = new();

    public string Name => "gem";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out GemVersion? v, out reason);
        version = v;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out GemVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        // RubyGems reads "" as "0"; an empty installed version is a defect, so it is refused here.
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "version string is empty";
            return false;
        }

        var stripped = text.Trim();
        if (!Pattern().IsMatch(stripped))
        {
            reason = $"Malformed version number string {stripped}";
            return false;
        }

        var normalized = stripped.Replace("-", ".pre.", StringComparison.Ordinal);
        var segments = new List<GemVersion.Segment>();
        foreach (Match m in SegmentPattern().Matches(normalized))
        {
            var isNumber = char.IsAsciiDigit(m.ValueSpan[0]);
            segments.Add(new GemVersion.Segment(isNumber, isNumber ? NumericText.Normalize(m.ValueSpan) : m.Value));
        }

        version = new GemVersion(text, normalized, [.. segments]);
        reason = null;
        return true;
    }

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = GemRequirement.TryParse(text, out var r, out reason);
        range = r;
        return ok;
    }

    // Gem::Version::VERSION_PATTERN (ASCII classes; Ruby's \s is ASCII whitespace and Trim covers it).
    internal const string VersionPattern = "[0-9]+(?>\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";

    [GeneratedRegex("^" + VersionPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("[0-9]+|[a-zA-Z]+", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
