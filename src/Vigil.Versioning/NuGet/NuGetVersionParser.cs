using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.NuGet;

/// <summary>
/// Reads versions as NuGet.Versioning 7's <c>NuGetVersion.TryParse</c> does: 1 to 4 numbers (blanks around each
/// allowed), then <c>-labels</c> and <c>+metadata</c> of ASCII letters, digits and '-'.
/// </summary>
internal static class NuGetVersionParser
{
    public static bool TryParse(string text, [NotNullWhen(true)] out NuGetVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        var s = (text ?? "").AsSpan().Trim();
        if (s.IsEmpty)
        {
            reason = "version string is empty";
            return false;
        }

        // The first '-' or '+' ends the numbers; the first '+' after a '-' ends the labels.
        ReadOnlySpan<char> numbers = s, labels = default, metadata = default;
        bool hasLabels = false, hasMetadata = false;
        var sep = s.IndexOfAny('-', '+');
        if (sep >= 0)
        {
            numbers = s[..sep];
            var rest = s[(sep + 1)..];
            if (s[sep] == '+')
            {
                hasMetadata = true;
                metadata = rest;
            }
            else
            {
                var plus = rest.IndexOf('+');
                hasLabels = true;
                labels = plus < 0 ? rest : rest[..plus];
                hasMetadata = plus >= 0;
                if (hasMetadata) metadata = rest[(plus + 1)..];
            }
        }

        Span<int> parts = stackalloc int[4];
        if (!TryReadNumbers(numbers, parts, out reason)) return false;

        NuGetReleaseLabel[] releaseLabels = [];
        if (hasLabels)
        {
            var list = new List<NuGetReleaseLabel>();
            foreach (var range in labels.Split('.'))
            {
                var label = labels[range];
                if (!IsValidIdentifier(label, "pre-release label", out reason)) return false;
                if (label.Length > 1 && label[0] == '0' && NumericText.IsDigits(label))
                {
                    reason = $"numeric pre-release label '{label}' has a leading zero";
                    return false;
                }

                list.Add(NuGetReleaseLabel.From(label.ToString()));
            }

            releaseLabels = [.. list];
        }

        if (hasMetadata)
        {
            foreach (var range in metadata.Split('.'))
            {
                if (!IsValidIdentifier(metadata[range], "build metadata part", out reason)) return false;
            }
        }

        version = new NuGetVersion(text!, parts[0], parts[1], parts[2], parts[3], releaseLabels, hasMetadata ? metadata.ToString() : "");
        reason = null;
        return true;
    }

    private static bool TryReadNumbers(ReadOnlySpan<char> numbers, Span<int> parts, [NotNullWhen(false)] out string? reason)
    {
        if (numbers.IsEmpty)
        {
            reason = "no version number before the '-' or '+'";
            return false;
        }

        var count = 0;
        foreach (var range in numbers.Split('.'))
        {
            if (count == 4)
            {
                reason = $"'{numbers}' has more than four numbers (NuGet allows 1 to 4)";
                return false;
            }

            // NuGet tolerates blanks around each number ("1. 0"), not inside one.
            var part = numbers[range].Trim();
            if (part.IsEmpty)
            {
                reason = $"'{numbers}' has an empty number";
                return false;
            }

            if (!NumericText.IsDigits(part))
            {
                reason = $"'{part}' in '{numbers}' is not a number";
                return false;
            }

            // Leading zeros are allowed ("1.0.01" is 1.0.1); past 10 significant digits it cannot fit.
            var digits = part.TrimStart('0');
            long n = 0;
            if (digits.Length <= 10)
            {
                foreach (var c in digits) n = (n * 10) + (c - '0');
            }

            if (digits.Length > 10 || n > int.MaxValue)
            {
                reason = $"{part} is above {int.MaxValue}, the largest number NuGet reads";
                return false;
            }

            parts[count++] = (int)n;
        }

        reason = null;
        return true;
    }

    private static bool IsValidIdentifier(ReadOnlySpan<char> part, string what, [NotNullWhen(false)] out string? reason)
    {
        if (part.IsEmpty)
        {
            reason = $"empty {what}";
            return false;
        }

        var bad = part.IndexOfAnyExcept(Allowed);
        if (bad >= 0)
        {
            reason = $"{what} '{part}' has the character '{part[bad]}'; NuGet allows only A-Z, a-z, 0-9 and '-'";
            return false;
        }

        reason = null;
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
}
