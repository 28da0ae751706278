using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Composer;

/// <summary>
/// Versions as Composer's VersionParser::normalize accepts them: [v]N[.N[.N[.N]]][sep word[numbers]][dev], with
/// the major at most five digits (larger ones are date versions or invalid for Composer) and no build metadata.
/// </summary>
internal sealed partial record ComposerGrammar(string Prefix, string[] Release, string Sep, string? Word, string Numbers, string Dev)
{
    private static readonly string[] Words = ["alpha", "a", "beta", "b", "RC", "rc", "pl", "p", "patch"];

    private static readonly string[][] SameWeight = [["alpha", "a"], ["beta", "b"], ["RC", "rc"], ["pl", "p", "patch"]];

    public override string ToString()
    {
        var sb = new StringBuilder(Prefix).AppendJoin('.', Release);
        if (Word is not null) sb.Append(Sep).Append(Word).Append(Numbers);
        return sb.Append(Dev).ToString();
    }

    public static ComposerGrammar Generate(Random rng, bool longNumbers)
    {
        var release = new string[rng.Next(1, 5)];
        release[0] = Major(rng);
        for (var i = 1; i < release.Length; i++) release[i] = Number(rng, longNumbers);
        string? word = null;
        string sep = "", numbers = "";
        if (rng.Next(2) == 0)
        {
            word = rng.Pick(Words);
            sep = rng.Pick("-", "-", ".", "_", "");
            numbers = SuffixNumbers(rng, longNumbers);
        }

        return new ComposerGrammar(RandomPrefix(rng), release, sep, word, numbers, "").WithDev(rng, rng.Next(6) == 0);
    }

    /// <summary>One or two small changes, where orderings are decided: a number, a part, a word, dev, spelling.</summary>
    public ComposerGrammar Mutate(Random rng, bool longNumbers)
    {
        var v = this;
        var n = rng.Next(1, 3);
        for (var k = 0; k < n; k++)
        {
            v = rng.Next(9) switch
            {
                0 or 1 => v.NudgeRelease(rng),
                2 => v.Release.Length > 1 ? v with { Release = v.Release[..^1] } : v,
                3 => v.Release.Length < 4 ? v with { Release = [.. v.Release, rng.Next(3) == 0 ? Number(rng, longNumbers) : "0"] } : v,
                4 => v.Word is null
                    ? v with { Word = rng.Pick(Words), Sep = rng.Pick("-", ".", ""), Numbers = SuffixNumbers(rng, longNumbers) }
                    : rng.Next(3) == 0 ? v with { Word = null, Sep = "", Numbers = "" } : v with { Word = Alias(rng, v.Word) },
                5 => v.Word is null ? v : v with { Numbers = v.Numbers.Length == 0 ? SuffixNumbers(rng, longNumbers) : Differential.NudgeNumber(rng, v.Numbers) },
                6 => v.WithDev(rng, v.Dev.Length == 0),
                7 => v with { Prefix = RandomPrefix(rng) },
                _ => v.Word is null ? v : v with { Sep = rng.Pick("-", ".", "_", "") },
            };
        }

        // NudgeNumber may write a long run; keep the major within Composer's five digits, and every number short
        // when asked (PHP turns a constraint number it increments past 2^63-1 into a float).
        if (v.Release[0].Length > 5) v = v with { Release = ["1", .. v.Release[1..]] };
        return longNumbers ? v : v with { Release = [.. v.Release.Select(Short)], Numbers = LongRun().Replace(v.Numbers, m => Short(m.Value)) };
    }

    private static string Short(string digits) => digits.Length > 9 ? digits[..9] : digits;

    [GeneratedRegex("[0-9]{10,}")]
    private static partial Regex LongRun();

    /// <summary>The leading numbers, as Composer pads them to four.</summary>
    public BigInteger[] ReleaseNumbers => [.. Release.Select(r => BigInteger.Parse(r, CultureInfo.InvariantCulture))];

    public IEnumerable<string> AllNumbers => Release.Concat(Numbers.Split(['.', '-'], StringSplitOptions.RemoveEmptyEntries));

    private ComposerGrammar WithDev(Random rng, bool dev)
    {
        if (!dev) return this with { Dev = "" };
        // "betadev" would be one word to version_compare and two to Composer; keep a separator after a word.
        var afterWord = Word is not null && Numbers.Length == 0;
        return this with { Dev = afterWord ? rng.Pick("-dev", ".dev") : rng.Pick("-dev", ".dev", "dev") };
    }

    private ComposerGrammar NudgeRelease(Random rng)
    {
        var i = rng.Next(Release.Length);
        var copy = (string[])Release.Clone();
        copy[i] = Differential.NudgeNumber(rng, copy[i]);
        return this with { Release = copy };
    }

    private static string Alias(Random rng, string word)
    {
        var same = SameWeight.FirstOrDefault(g => g.Contains(word));
        return same is not null && rng.Next(2) == 0 ? rng.Pick(same) : rng.Pick(Words);
    }

    private static string RandomPrefix(Random rng) => rng.Next(8) == 0 ? rng.Pick("v", "v", "V") : "";

    private static string Major(Random rng) => rng.Next(12) switch
    {
        0 => "0" + rng.Next(10).ToString(CultureInfo.InvariantCulture),
        1 => rng.Next(2000, 2030).ToString(CultureInfo.InvariantCulture),
        < 7 => rng.Next(10).ToString(CultureInfo.InvariantCulture),
        _ => rng.Next(100).ToString(CultureInfo.InvariantCulture),
    };

    public static string Number(Random rng, bool longNumbers) =>
        longNumbers ? Differential.Number(rng) : rng.Next(8) switch
        {
            0 => "0" + rng.Next(10).ToString(CultureInfo.InvariantCulture),
            1 => rng.Next(100, 100_000).ToString(CultureInfo.InvariantCulture),
            < 5 => rng.Next(4).ToString(CultureInfo.InvariantCulture),
            _ => rng.Next(20).ToString(CultureInfo.InvariantCulture),
        };

    private static string SuffixNumbers(Random rng, bool longNumbers) => rng.Next(6) switch
    {
        0 => "",
        1 => "." + Number(rng, longNumbers),
        2 => "-" + Number(rng, longNumbers),
        3 => Number(rng, longNumbers) + "." + Number(rng, longNumbers),
        _ => Number(rng, longNumbers),
    };
}
