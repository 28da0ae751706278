using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Deb;

/// <summary>
/// Debian versions as dpkg's <c>parseversion</c> reads them. Of the input dpkg merely warns about, an upstream part
/// that does not start with a digit is rejected (it is how a garbled or non-Debian string looks), while characters
/// outside dpkg's set are accepted and ordered as dpkg orders them (RPM-style "4.el6.x86_64" revisions occur in the
/// wild and dpkg compares them). See docs/versioning.md.
/// </summary>
public sealed class DebVersionScheme : IVersionScheme
{
    public static DebVersionScheme Instance { get; } = new();

    public string Name => "deb";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = TryParse(text, out DebVersion? deb, out reason);
        version = deb;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out DebVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (text is null)
        {
            reason = "version is null";
            return false;
        }

        // dpkg trims surrounding blanks but refuses blanks inside.
        var s = text.AsSpan().Trim(" \t\n\r");
        if (s.IsEmpty)
        {
            reason = "version string is empty";
            return false;
        }

        if (s.IndexOfAny(" \t\n\r") >= 0)
        {
            reason = "version string has embedded spaces";
            return false;
        }

        var epoch = 0;
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            var e = s[..colon];
            if (e.IsEmpty)
            {
                reason = "epoch in version is empty";
                return false;
            }

            foreach (var c in e)
            {
                if (!char.IsAsciiDigit(c))
                {
                    reason = "epoch in version is not number";
                    return false;
                }
            }

            if (!int.TryParse(e, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out epoch))
            {
                reason = "epoch in version is too big";
                return false;
            }

            s = s[(colon + 1)..];
            if (s.IsEmpty)
            {
                reason = "nothing after colon in version number";
                return false;
            }
        }

        var revision = ReadOnlySpan<char>.Empty;
        var hyphen = s.LastIndexOf('-');
        if (hyphen >= 0)
        {
            revision = s[(hyphen + 1)..];
            if (revision.IsEmpty)
            {
                reason = "revision number is empty";
                return false;
            }

            s = s[..hyphen];
        }

        if (s.IsEmpty)
        {
            reason = "version number is empty";
            return false;
        }

        if (!char.IsAsciiDigit(s[0]))
        {
            reason = "version number does not start with digit";
            return false;
        }

        version = new DebVersion(text, epoch, s.ToString(), revision.ToString());
        reason = null;
        return true;
    }
}
