using System.Globalization;
using System.Numerics;
using System.Text;
using Vigil.Versioning.Composer;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Composer;

/// <summary>
/// Generated versions and constraints checked against PHP and composer/semver (tests/tools/php/composercmp.php).
/// Vigil's order is PHP's version_compare on the version itself (one leading v removed); Composer compares
/// normalize()d versions instead. Where the two readings differ by design (see docs/versioning.md, "composer"), pairs
/// are left out of the Composer comparison and counted.
/// </summary>
public sealed class ComposerDifferentialTests
{
    private static string Tool => Differential.LocalTool("php", "composercmp.php");

    /// <summary>Pairs from Composer's grammar against version_compare(normalize(a), normalize(b)).</summary>
    [Fact]
    public void Agrees_with_composer_normalize_and_version_compare_on_generated_pairs()
    {
        var php = RequirePhp();
        var rng = Differential.RandomFor("composer");
        var pairs = new List<(string, string)>(Differential.Pairs);
        int padding = 0, huge = 0;
        while (pairs.Count < Differential.Pairs)
        {
            var a = ComposerGrammar.Generate(rng, longNumbers: true);
            var b = rng.Next(10) switch
            {
                < 5 => a.Mutate(rng, longNumbers: true),
                < 6 => a,
                _ => ComposerGrammar.Generate(rng, longNumbers: true),
            };
            if (HasHugeNumber(a.AllNumbers) || HasHugeNumber(b.AllNumbers)) huge++;
            else if (PadsDifferently(a.ReleaseNumbers, b.ReleaseNumbers)) padding++;
            else pairs.Add(rng.Next(2) == 0 ? (a.ToString(), b.ToString()) : (b.ToString(), a.ToString()));

            // A few strings both must refuse: an empty release number, a blank inside.
            if (rng.Next(200) == 0 && a.Release.Length > 1) pairs.Add((a.Prefix + string.Join("..", a.Release), b.ToString()));
            if (rng.Next(200) == 0) pairs.Add((a.ToString(), b + " 1"));
        }

        Report($"composer (normalize + version_compare): left out {padding} pairs whose releases have different lengths but agree on the shorter one (Composer pads to four numbers, version_compare does not) and {huge} pairs with a number above 2^63-1 (PHP's strtol saturates)");
        Differential.CheckPairs("composer", ComposerVersionScheme.Instance, pairs, php, [Tool, "compare"]);
    }

    /// <summary>Real-world tags Composer refuses but Packagist and OSV order, against version_compare itself.</summary>
    [Fact]
    public void Agrees_with_php_version_compare_on_generated_tags()
    {
        var php = RequirePhp();
        var rng = Differential.RandomFor("composer-php");
        var pairs = new List<(string A, string B)>(Differential.Pairs);
        var huge = 0;
        while (pairs.Count < Differential.Pairs)
        {
            foreach (var p in Differential.Generate(rng, Tag, MutateTag))
            {
                if (HasHugeNumber(Digits(p.Item1)) || HasHugeNumber(Digits(p.Item2))) huge++;
                else if (pairs.Count < Differential.Pairs) pairs.Add(p);
            }
        }

        Report($"composer (version_compare): left out {huge} pairs with a number above 2^63-1 (PHP's strtol saturates)");
        Differential.CheckPairs("composer-php", ComposerVersionScheme.Instance, pairs, php, [Tool, "phpcompare"]);
    }

    [Fact]
    public void Agrees_with_composer_semver_satisfies_on_generated_constraints()
    {
        var php = RequirePhp();
        var rng = Differential.RandomFor("composer-constraint");
        var cases = new List<(string, string)>(Differential.Pairs);
        for (var i = 0; i < Differential.Pairs; i++)
        {
            var v = ComposerGrammar.Generate(rng, longNumbers: false);
            cases.Add((v.ToString(), Constraint(rng, v)));
        }

        var reference = ReferenceTool.Batch(php, [Tool, "satisfies"], Differential.AsLines(cases), TimeSpan.FromSeconds(120));
        Differential.CheckCases("composer constraints", "composer/semver", reference, i => $"'{cases[i].Item1}' in '{cases[i].Item2}'",
            i => Differential.RangeAnswer("composer", cases[i].Item1, cases[i].Item2));
    }

    private static string RequirePhp()
    {
        return ReferenceTool.Require(["php", "/usr/bin/php"], [Tool, "probe"], "php with composer/semver is not installed here; CI installs php-cli and php-composer-semver from .ci/apt-packages.txt");
    }

    private static void Report(string message)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        TestContext.Current.SendDiagnosticMessage(message);
    }

    private static readonly BigInteger LongMax = long.MaxValue;

    private static bool HasHugeNumber(IEnumerable<string> numbers) =>
        numbers.Any(n => n.TrimStart('0').Length >= 19 && BigInteger.Parse(n, CultureInfo.InvariantCulture) > LongMax);

    /// <summary>
    /// Composer pads releases to four numbers, version_compare does not: 1.0 against 1.0.0, or 1.0-p1 against 1.0.1,
    /// are decided differently when the shorter release is a prefix of the longer one.
    /// </summary>
    private static bool PadsDifferently(BigInteger[] a, BigInteger[] b)
    {
        if (a.Length == b.Length) return false;
        var n = Math.Min(a.Length, b.Length);
        return a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n));
    }

    private static IEnumerable<string> Digits(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            if (!char.IsAsciiDigit(s[i])) { i++; continue; }
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            yield return s[start..i];
        }
    }

    // Words seen in real Packagist tags, with PHP's case-sensitive special forms and words it does not know.
    private static readonly string[] TagWords =
        ["alpha", "a", "beta", "b", "RC", "rc", "pl", "p", "patch", "dev", "ALPHA", "BETA", "Alpha", "DEV", "Dev", "rC",
         "stable", "test", "post", "pre", "bedrock", "final", "SNAPSHOT", "r", "foo", "devel", "build", "hotfix", "x86"];

    private static string Tag(Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(8) == 0) sb.Append(rng.Pick("v", "V"));
        sb.Append(Differential.Number(rng));
        var n = rng.Next(6);
        for (var i = 0; i < n; i++) sb.Append('.').Append(Differential.Number(rng));
        var k = rng.Next(4);
        for (var i = 0; i < k; i++)
        {
            sb.Append(rng.Pick("-", ".", "_", "+", ""));
            sb.Append(rng.Next(3) == 0 ? Differential.Number(rng) : rng.Pick(TagWords));
        }

        return sb.ToString();
    }

    private static string MutateTag(Random rng, string v) => rng.Next(6) switch
    {
        < 3 => Differential.NudgeNumber(rng, v),
        3 => v + rng.Pick("-", ".", "_", "+") + (rng.Next(2) == 0 ? Differential.Number(rng) : rng.Pick(TagWords)),
        4 => v.LastIndexOfAny(['.', '-', '_', '+']) is > 0 and var cut ? v[..cut] : v + ".0",
        _ => v.Replace('-', rng.Pick('.', '_', '+')),
    };

    /// <summary>One to three AND-ed constraints, in one or two OR-ed groups, mostly around <paramref name="near"/>.</summary>
    private static string Constraint(Random rng, ComposerGrammar near)
    {
        if (rng.Next(40) == 0) return rng.Pick("~>" + Partial(rng, near), ">=", ">=1.0,", "1.0 ||", "foo", "1.0.0.0.0", "^1.0 ||| 2", "=> 1.0");
        var groups = rng.Next(4) == 0 ? 2 : 1;
        var sb = new StringBuilder();
        for (var g = 0; g < groups; g++)
        {
            if (g > 0) sb.Append(rng.Pick(" || ", "||", " | ", "|"));
            var atoms = rng.Next(3) == 0 ? rng.Next(2, 4) : 1;
            for (var i = 0; i < atoms; i++)
            {
                if (i > 0) sb.Append(rng.Pick(" ", ",", ", ", "  "));
                sb.Append(Atom(rng, rng.Next(4) == 0 ? ComposerGrammar.Generate(rng, longNumbers: false) : near));
            }
        }

        return sb.ToString();
    }

    private static string Atom(Random rng, ComposerGrammar near)
    {
        var v = Partial(rng, near);
        var atom = rng.Next(14) switch
        {
            0 or 1 => "^" + v,
            2 or 3 => "~" + v,
            4 => Wildcard(rng, near),
            5 => Partial(rng, near) + " - " + Partial(rng, near.Mutate(rng, longNumbers: false)),
            6 => rng.Pick("*", "dev-master", "!=dev-main", "1.x-dev", "~1.2.x-dev", "^2.x-dev", "v*", "*.*"),
            7 => v,
            _ => rng.Pick("=", "==", ">=", ">", "<", "<=", "!=", "<>") + rng.Pick("", "", " ") + v,
        };
        return rng.Next(10) == 0 ? atom + rng.Pick("@dev", "@beta", "@alpha", "@RC", "@stable", "@BETA") : atom;
    }

    /// <summary><paramref name="near"/> or a mutation of it, often shortened to fewer release numbers.</summary>
    private static string Partial(Random rng, ComposerGrammar near)
    {
        var v = rng.Next(2) == 0 ? near : near.Mutate(rng, longNumbers: false);
        if (rng.Next(2) == 0) v = v with { Release = v.Release[..rng.Next(1, v.Release.Length + 1)] };
        if (rng.Next(3) == 0) v = v with { Word = null, Sep = "", Numbers = "", Dev = "" };
        return v.ToString();
    }

    private static string Wildcard(Random rng, ComposerGrammar near)
    {
        var n = rng.Next(1, Math.Min(3, near.Release.Length) + 1);
        return near.Prefix + string.Join('.', near.Release[..n]) + rng.Pick(".*", ".x", ".X", ".*.*");
    }
}
