using System.Globalization;
using System.Text;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.NuGet;

/// <summary>
/// Versions and ranges as NuGet feeds and project files spell them: 2 to 4 numbers (sometimes 1 or 5), zero-padded and
/// 10-digit numbers, dotted pre-release labels in mixed case with numbers, build metadata; now and then a blank, a
/// number above Int32 or a bad character, which NuGet must refuse as Vigil does.
/// </summary>
internal static class NuGetGrammar
{
    public static string Version(Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(40) == 0) sb.Append(rng.Pick(" ", "\t", "\u00a0"));
        var parts = rng.Next(10) switch { 0 => 1, < 4 => 2, < 8 => 3, _ => 4 };
        if (rng.Next(80) == 0) parts = 5;
        for (var i = 0; i < parts; i++)
        {
            if (i > 0) sb.Append(rng.Next(80) == 0 ? rng.Pick(". ", " .", "..") : ".");
            sb.Append(Number(rng));
        }

        if (rng.Next(5) < 2)
        {
            sb.Append('-').Append(Label(rng));
            var n = rng.Next(4);
            for (var i = 0; i < n; i++) sb.Append('.').Append(Label(rng));
        }

        if (rng.Next(6) == 0)
        {
            sb.Append('+').Append(Metadata(rng));
            if (rng.Next(3) == 0) sb.Append('.').Append(Metadata(rng));
        }

        if (rng.Next(40) == 0) sb.Append(rng.Pick(" ", "\n", "\u2003"));
        return sb.ToString();
    }

    public static string Mutate(Random rng, string v) => rng.Next(10) switch
    {
        < 3 => Differential.NudgeNumber(rng, v),
        3 => rng.Next(2) == 0 ? v.ToUpperInvariant() : v.ToLowerInvariant(),
        4 => v.Contains('+', StringComparison.Ordinal) ? v[..v.IndexOf('+', StringComparison.Ordinal)] : v + "+" + Metadata(rng),
        5 => InsertAfterNumbers(v, rng.Pick(".0", ".0.0", ".00", ".1")),
        6 => v.Contains('-', StringComparison.Ordinal) ? v + rng.Pick(".1", ".a", ".0", "-0", ".beta") : v + rng.Pick("-0", "-alpha", "-1"),
        7 => v.Contains('-', StringComparison.Ordinal) ? v[..v.LastIndexOfAny(['.', '-'])] : "0" + v,
        8 => rng.Pick(" ", "  ") + v + rng.Pick("", " "),
        _ => Differential.NudgeNumber(rng, Differential.NudgeNumber(rng, v)),
    };

    /// <summary>A range around <paramref name="v"/>: bare, exact, bracketed with one or two bounds, floating, or malformed.</summary>
    public static string Range(Random rng, string v)
    {
        string Bound() => rng.Next(4) switch
        {
            0 => Mutate(rng, v),
            1 => Version(rng),
            _ => v,
        };

        var blank = rng.Next(6) == 0 ? " " : "";
        return rng.Next(20) switch
        {
            < 3 => v,
            < 5 => "[" + v + "]",
            < 11 => rng.Pick("[", "(") + blank + (rng.Next(5) == 0 ? "" : Bound()) + blank + "," + blank + (rng.Next(5) == 0 ? "" : Bound()) + blank + rng.Pick("]", ")"),
            < 14 => Floating(rng, v),
            < 16 => rng.Pick("[", "(") + blank + Floating(rng, v) + "," + blank + (rng.Next(4) == 0 ? "" : Bound()) + rng.Pick("]", ")"),
            _ => rng.Next(12) switch
            {
                0 => "(" + v + ")",
                1 => "[" + v + ")",
                2 => rng.Pick("(,)", "[,]", "( , )", "[ ]", "[]", "*", "*-*", "[*,]", "(*,)", "**"),
                3 => "[" + v + "," + Bound() + "," + Bound() + "]",
                4 => v + "," + Bound(),
                5 => "[" + v + "," + Floating(rng, v) + ")",
                6 => "[" + v,
                7 => " " + v + " ",
                8 => "[" + Floating(rng, v) + "]",
                9 => Floating(rng, v) + " ",
                _ => Floating(rng, Mutate(rng, v)),
            },
        };
    }

    /// <summary>A floating version derived from <paramref name="v"/>: 1.*, 1.2.*, *, 1.0.*-*, 1.0.0-beta*, 1.0.0-beta.*, 1*, ...</summary>
    public static string Floating(Random rng, string v)
    {
        var t = v.Trim();
        var sep = t.IndexOfAny(['-', '+']);
        var numbers = (sep < 0 ? t : t[..sep]).Split('.');
        var labels = sep >= 0 && t[sep] == '-' ? t[(sep + 1)..].Split('+')[0] : "";
        var cut = rng.Next(numbers.Length + 1);
        var head = string.Join('.', numbers[..cut]);
        var floatedNumbers = (head.Length > 0 ? head + "." : "") + "*";
        var labelPrefix = labels.Length == 0 ? rng.Pick("", "beta", "rc.", "alpha.1") : labels[..rng.Next(labels.Length + 1)];
        return rng.Next(8) switch
        {
            < 3 => floatedNumbers,
            3 => floatedNumbers + "-" + labelPrefix + "*",
            4 => floatedNumbers + "-*",
            < 7 => string.Join('.', numbers) + "-" + labelPrefix + "*",
            _ => string.Join('.', numbers) + "*",
        };
    }

    private static string Number(Random rng) => rng.Next(120) switch
    {
        0 => rng.Pick("2147483648", "4294967296", "4294967297", Differential.LongRun(rng)),
        < 5 => "0" + rng.Next(10).ToString(CultureInfo.InvariantCulture),
        < 7 => "000" + rng.Next(100).ToString(CultureInfo.InvariantCulture),
        < 10 => rng.NextInt64(1_000_000_000, int.MaxValue + 1L).ToString(CultureInfo.InvariantCulture),
        10 => "2147483647",
        < 14 => rng.Next(2000, 2030).ToString(CultureInfo.InvariantCulture) + rng.Next(1, 13).ToString("00", CultureInfo.InvariantCulture) + rng.Next(1, 29).ToString("00", CultureInfo.InvariantCulture),
        < 70 => rng.Next(10).ToString(CultureInfo.InvariantCulture),
        _ => rng.Next(100).ToString(CultureInfo.InvariantCulture),
    };

    private static string Label(Random rng) => rng.Next(60) switch
    {
        0 => rng.Pick("a_b", "be ta", "β", "*", ""),
        1 => rng.Pick("01", "007"),
        < 4 => rng.Pick("-1", "-01", "-0", "--1", "-", "-a", "-2147483648", "-2147483649"),
        < 7 => rng.Pick("2147483647", "2147483648", "4294967296", Differential.LongRun(rng)),
        < 20 => rng.Next(20).ToString(CultureInfo.InvariantCulture),
        < 24 => rng.Next(100_000).ToString(CultureInfo.InvariantCulture),
        < 40 => rng.Pick("alpha", "Alpha", "ALPHA", "beta", "Beta", "BETA", "rc", "RC", "preview", "Preview", "pre", "dev", "ci", "a", "b", "z", "Z", "A"),
        _ => rng.Pick("beta", "rc", "alpha", "preview", "a", "B", "build-") + rng.Pick("", "-", "") + rng.Next(12).ToString(CultureInfo.InvariantCulture),
    };

    private static string Metadata(Random rng) => rng.Next(30) switch
    {
        0 => rng.Pick("", "a_b", "+1"),
        < 10 => rng.Next(1000).ToString(CultureInfo.InvariantCulture),
        < 13 => "00" + rng.Next(10).ToString(CultureInfo.InvariantCulture),
        _ => rng.Pick("sha", "abc123", "Build-7", "git", "g1a2b3c", "ubuntu"),
    };

    private static string InsertAfterNumbers(string v, string insert)
    {
        var at = v.IndexOfAny(['-', '+']);
        if (at < 0) at = v.TrimEnd().Length;
        return v.Insert(at, insert);
    }
}
