using System.Globalization;
using System.Text;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Maven;

/// <summary>Realistic Maven versions: dotted numbers, qualifiers after '-' or '.', letters glued to digits, dates, snapshots.</summary>
internal static class MavenGrammar
{
    private static readonly string[] Qualifiers =
    [
        "alpha", "beta", "milestone", "rc", "cr", "snapshot", "ga", "final", "release", "sp", "a", "b", "m",
        "SNAPSHOT", "RELEASE", "Final", "GA", "RC", "M", "jre", "android", "redhat", "Beta", "incubating", "groovy", "x", "pre",
    ];

    public static string Version(Random rng)
    {
        var sb = new StringBuilder(Differential.Number(rng));
        var parts = rng.Next(4);
        for (var i = 0; i < parts; i++) sb.Append('.').Append(Differential.Number(rng));
        var tails = rng.Next(10) switch { < 4 => 0, < 8 => 1, _ => 2 };
        for (var i = 0; i < tails; i++) sb.Append(Tail(rng));
        return sb.ToString();
    }

    private static string Tail(Random rng)
    {
        var q = rng.Pick(Qualifiers);
        var n = rng.Next(20).ToString(CultureInfo.InvariantCulture);
        return rng.Next(12) switch
        {
            0 => "-" + q,
            1 => "." + q,
            2 => q,
            3 => "-" + q + n,
            4 => "." + q + n,
            5 => q + n,
            6 => "-" + q + "-" + n,
            7 => "-" + q + "." + n,
            8 => "-" + n,
            9 => "-" + rng.Next(2010, 2027).ToString(CultureInfo.InvariantCulture) + rng.Next(1, 13).ToString("00", CultureInfo.InvariantCulture) + "." + rng.Next(100000, 235959).ToString(CultureInfo.InvariantCulture) + "-" + n,
            10 => rng.Pick("_", "+", "-", ".-", "..") + q,
            _ => "." + n + q,
        };
    }

    public static string Mutate(Random rng, string v) => rng.Next(7) switch
    {
        < 2 => Differential.NudgeNumber(rng, v),
        2 => v + Tail(rng),
        3 => v.Contains('.', StringComparison.Ordinal) ? v[..v.LastIndexOf('.')] : v + ".0",
        4 => v.Replace('-', '.'),
        5 => v.Replace('.', '-'),
        _ => rng.Next(2) == 0 ? v.ToUpperInvariant() : v + rng.Pick(".0", "-0", ".0.0", "-ga", ".final", "-1", "0"),
    };

    /// <summary>A version and a range around versions like it: bounds open or closed, missing, exact, or several sets.</summary>
    public static (string Version, string Range) RangeCase(Random rng)
    {
        var v = Version(rng);
        string Bound() => rng.Next(3) == 0 ? Mutate(rng, v) : Version(rng);
        string One()
        {
            var open = rng.Next(2) == 0 ? "[" : "(";
            var close = rng.Next(2) == 0 ? "]" : ")";
            return rng.Next(8) switch
            {
                0 => "[" + Bound() + "]",
                1 => open + "," + Bound() + close,
                2 => open + Bound() + "," + close,
                3 => open + Bound() + close, // refused unless both brackets are square
                4 => open + Bound() + "," + Bound() + close,
                _ => Around(open, close),
            };
        }

        // Mostly well-ordered bounds around v (a lower bound near it, an upper one a major version above), so that
        // most cases are decided by containment rather than refused.
        string Around(string open, string close)
        {
            var lower = rng.Next(2) == 0 ? v : Mutate(rng, v);
            var digits = new string(lower.TakeWhile(char.IsAsciiDigit).ToArray());
            var major = digits.Length is > 0 and < 9 ? int.Parse(digits, CultureInfo.InvariantCulture) : 0;
            var upper = (major + rng.Next(1, 3)).ToString(CultureInfo.InvariantCulture) + lower[digits.Length..];
            return open + (rng.Next(4) == 0 ? Version(rng) : lower) + "," + upper + close;
        }

        var range = rng.Next(12) switch
        {
            0 => Bound(),
            1 => One() + "," + One(),
            2 => One() + ", " + One() + "," + One(),
            _ => One(),
        };
        return (v, range);
    }
}
