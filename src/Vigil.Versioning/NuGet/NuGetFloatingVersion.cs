using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.NuGet;

/// <summary>
/// The lowest version of a floating version (<c>1.*</c>, <c>1.0.*-*</c>, <c>1.0.0-beta*</c>), worked out as
/// NuGet.Versioning's <c>FloatRange.TryParse</c> works it out: the '*' becomes 0 (or an empty label "0"). That minimum
/// is all <c>VersionRange.Satisfies</c> uses; which version a float picks is a restore-time question.
/// </summary>
internal static class NuGetFloatingVersion
{
    public static bool TryParseMinimum(string text, [NotNullWhen(true)] out NuGetVersion? minimum, [NotNullWhen(false)] out string? reason)
    {
        minimum = null;
        var firstStar = text.IndexOf('*', StringComparison.Ordinal);
        var lastStar = text.LastIndexOf('*');
        var hasPlus = text.Contains('+', StringComparison.Ordinal);
        string? candidate;

        if (text == "*") candidate = "0.0";
        else if (text == "*-*") candidate = "0.0.0-0";
        else if (firstStar != lastStar && !hasPlus)
        {
            // Two stars only as "<numbers>*-<label prefix>*": the first right before the first '-', the last at the end.
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || lastStar != text.Length - 1 || firstStar != dash - 1)
            {
                reason = $"'{text}': a second '*' is allowed only as in 1.0.*-beta* (before the first '-' and at the end)";
                return false;
            }

            var prefix = text[(dash + 1)..lastStar];
            candidate = text[..(dash - 1)] + "0-" + (prefix.Length == 0 || prefix.EndsWith('.') ? prefix + "0" : prefix);
        }
        else if (lastStar == text.Length - 1 && !hasPlus)
        {
            candidate = text[..^1];
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            // "1.*" floats a number; "1.0-beta*" and "1.0-beta.*" float the label, whose lowest value is "0" after a dot.
            if (dash < 0) candidate += "0";
            else if (dash == text.LastIndexOf('-') && (dash == candidate.Length - 1 || candidate.EndsWith('.'))) candidate += "0";
        }
        else
        {
            reason = $"'{text}': '*' may only end a floating version (1.*, 1.0.0-beta*) and cannot float build metadata";
            return false;
        }

        if (!NuGetVersionParser.TryParse(candidate, out minimum, out var why))
        {
            reason = $"'{text}' is not a valid floating version: {why}";
            return false;
        }

        reason = null;
        return true;
    }
}
