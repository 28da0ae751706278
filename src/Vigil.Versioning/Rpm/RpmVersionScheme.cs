using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Rpm;

/// <summary>
/// RPM versions <c>[epoch:]version[-release]</c>, split as rpm's parseEVR splits them. Refused: empty text, blanks or
/// control characters, an empty version part.
/// </summary>
public sealed class RpmVersionScheme : IVersionScheme
{
    public static RpmVersionScheme Instance { get; } = new();

    public string Name => "rpm";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out RpmVersion? rpm, out reason);
        version = rpm;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out RpmVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "version string is empty";
            return false;
        }

        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                reason = "version string has blanks or control characters";
                return false;
            }
        }

        // rpm's parseEVR: an epoch is the leading digits when a ':' follows them (none means 0); the release is what
        // follows the last '-'. Anything else, ':' included, belongs to the version, and rpmvercmp orders it.
        var s = text.AsSpan();
        var epoch = "0";
        var digits = s.IndexOfAnyExceptInRange('0', '9');
        if (digits >= 0 && s[digits] == ':')
        {
            if (digits > 0) epoch = s[..digits].ToString();
            s = s[(digits + 1)..];
        }

        string? release = null;
        var hyphen = s.LastIndexOf('-');
        if (hyphen >= 0)
        {
            release = s[(hyphen + 1)..].ToString();
            s = s[..hyphen];
        }

        if (s.IsEmpty)
        {
            reason = "version is empty";
            return false;
        }

        version = new RpmVersion(text, epoch, s.ToString(), release);
        reason = null;
        return true;
    }
}
