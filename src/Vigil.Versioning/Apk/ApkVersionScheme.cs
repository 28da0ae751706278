using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Apk;

/// <summary>
/// Alpine versions. apk orders even strings it calls invalid; this scheme accepts only what
/// <c>apk_version_validate</c> accepts, so a garbled version becomes an indeterminate finding, not a guess.
/// </summary>
public sealed class ApkVersionScheme : IVersionScheme
{
    public static ApkVersionScheme Instance { get; } = new();

    public string Name => "apk";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out ApkVersion? apk, out reason);
        version = apk;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out ApkVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "version string is empty";
            return false;
        }

        if (!char.IsAsciiDigit(text[0]))
        {
            reason = "version must start with a digit";
            return false;
        }

        if (!ApkOrder.Validate(text, out var at))
        {
            reason = $"invalid apk version: unexpected '{text[at..]}' at offset {at} (expected digit{{.digit}}...{{letter}}{{_suffix{{#}}}}...{{~hash}}{{-r#}})";
            return false;
        }

        version = new ApkVersion(text);
        reason = null;
        return true;
    }
}
