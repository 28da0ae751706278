using System.Globalization;
using System.Text;
using Xunit;

namespace Vigil.Versioning.Tests.Support;

/// <summary>
/// Generated pairs compared by Vigil and by a reference tool. The seed is printed and can be replayed with
/// VIGIL_DIFF_SEED; VIGIL_DIFF_PAIRS changes the number of pairs (default 12,000).
/// </summary>
public static class Differential
{
    public static int Seed { get; } = ReadSeed();

    public static int Pairs { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("VIGIL_DIFF_PAIRS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 12_000;

    /// <summary>A random source for one scheme; mixing in the name keeps schemes independent under one seed.</summary>
    public static Random RandomFor(string scheme) => new(SeedFor(scheme, Seed));

    /// <summary>
    /// The seed of <paramref name="scheme"/>'s random source. It must be the same in every process for
    /// VIGIL_DIFF_SEED to replay a run, which is why it is not HashCode.Combine (randomized per process).
    /// </summary>
    public static int SeedFor(string scheme, int seed) => unchecked((seed * 31) + StableHash(scheme));

    /// <summary>Python interpreters to try, in order: the system one (python3-apt, python3-rpm live there), then PATH's.</summary>
    public static readonly string[] Pythons = ["/usr/bin/python3", "python3"];

    public static string PythonTool => LocalTool("python", "vercmp.py");

    public static string LocalTool(params string[] parts) => Vigil.TestKit.RepoPaths.Combine(["tests", "tools", .. parts]);

    /// <summary>
    /// Compares every pair with <paramref name="ours"/> and with the reference output (one "&lt;", "=", "&gt;" or "!reason"
    /// per pair) and fails listing the disagreements. A pair the reference refuses must be refused by us too.
    /// </summary>
    public static void Check(string scheme, IReadOnlyList<(string A, string B)> pairs, IReadOnlyList<string> reference,
        Func<string, string, (int? Order, string? Error)> ours)
    {
        Assert.Equal(pairs.Count, reference.Count);
        var report = new StringBuilder();
        int disagreements = 0, refusedByBoth = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            var (order, error) = ours(a, b);
            var theirs = reference[i];
            string? problem = null;
            if (theirs.StartsWith('!'))
            {
                if (order is null) refusedByBoth++;
                else problem = $"reference refuses ({theirs[1..]}), Vigil says {OrderCases.OpText(order.Value)}";
            }
            else if (order is null)
            {
                problem = $"reference says {theirs}, Vigil refuses: {error}";
            }
            else if (OrderCases.OpText(order.Value) != theirs)
            {
                problem = $"reference says {theirs}, Vigil says {OrderCases.OpText(order.Value)}";
            }

            if (problem is null) continue;
            disagreements++;
            if (disagreements <= 40) report.AppendLine($"  '{a}' ? '{b}': {problem}");
        }

        var summary = $"{scheme}: {pairs.Count} generated pairs, seed {Seed} (replay: VIGIL_DIFF_SEED={Seed}), {disagreements} disagreements, {refusedByBoth} refused by both";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        Assert.True(disagreements == 0, summary + "\n" + report);
    }

    /// <summary>Asks the reference process (one run over all pairs) and checks <paramref name="scheme"/> against its answers.</summary>
    public static void CheckPairs(string what, IVersionScheme scheme, IReadOnlyList<(string A, string B)> pairs, string exe, IReadOnlyList<string> args)
    {
        var reference = ReferenceTool.Batch(exe, args, AsLines(pairs), TimeSpan.FromSeconds(120));
        Check(what, pairs, reference, (a, b) => OrderCases.ViaScheme(scheme, a, b));
    }

    /// <summary>
    /// Checks generated range cases: <paramref name="ours"/> answers case i as the reference does ("true", "false",
    /// or "!reason" when the range or version is refused; any two refusals agree). Fails listing the disagreements,
    /// with the seed and how the reference's answers were spread.
    /// </summary>
    public static void CheckCases(string what, string referenceName, IReadOnlyList<string> reference, Func<int, string> describe, Func<int, string> ours)
    {
        var report = new StringBuilder();
        var disagreements = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            var answer = ours(i);
            if (answer == reference[i] || (answer.StartsWith('!') && reference[i].StartsWith('!'))) continue;
            disagreements++;
            if (disagreements <= 40) report.AppendLine(CultureInfo.InvariantCulture, $"  {describe(i)}: {referenceName} {reference[i]}, Vigil {answer}");
        }

        var spread = string.Join(", ", reference.GroupBy(r => r.StartsWith('!') ? "refused" : r).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        var summary = $"{what}: {reference.Count} generated cases ({spread}), seed {Seed} (replay: VIGIL_DIFF_SEED={Seed}), {disagreements} disagreements";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        Assert.True(disagreements == 0, summary + "\n" + report);
    }

    /// <summary>What <see cref="VersionTool.TryCheckRange"/> answers, in the reference tools' words.</summary>
    public static string RangeAnswer(string scheme, string version, string range) =>
        VersionTool.TryCheckRange(scheme, version, range, out var satisfied, out var error) ? (satisfied ? "true" : "false") : "!" + error;

    public static IReadOnlyList<string> AsLines(IReadOnlyList<(string A, string B)> pairs) => [.. pairs.Select(p => p.A + "\t" + p.B)];

    /// <summary>Half the pairs are a version and a small mutation of it, where orderings are decided.</summary>
    public static List<(string, string)> Generate(Random rng, Func<Random, string> version, Func<Random, string, string> mutate)
    {
        var pairs = new List<(string, string)>(Pairs);
        for (var i = 0; i < Pairs; i++)
        {
            var a = version(rng);
            var b = rng.Next(10) switch
            {
                < 5 => mutate(rng, a),
                < 6 => a,
                _ => version(rng),
            };
            pairs.Add(rng.Next(2) == 0 ? (a, b) : (b, a));
        }

        return pairs;
    }

    public static T Pick<T>(this Random rng, params T[] items) => items[rng.Next(items.Length)];

    /// <summary>A number as versions spell it: mostly small, sometimes zero-padded, now and then a very long run.</summary>
    public static string Number(Random rng) => rng.Next(20) switch
    {
        0 => "0" + rng.Next(10).ToString(CultureInfo.InvariantCulture),
        1 => "00" + rng.Next(100).ToString(CultureInfo.InvariantCulture),
        2 => LongRun(rng),
        3 => rng.Next(2000, 2030).ToString(CultureInfo.InvariantCulture) + rng.Next(1, 13).ToString("00", CultureInfo.InvariantCulture) + rng.Next(1, 29).ToString("00", CultureInfo.InvariantCulture),
        < 12 => rng.Next(10).ToString(CultureInfo.InvariantCulture),
        _ => rng.Next(100).ToString(CultureInfo.InvariantCulture),
    };

    public static string LongRun(Random rng)
    {
        var sb = new StringBuilder();
        sb.Append((char)('1' + rng.Next(9)));
        var len = rng.Next(8, 30);
        for (var i = 0; i < len; i++) sb.Append((char)('0' + rng.Next(10)));
        return sb.ToString();
    }

    /// <summary>Replaces one number in <paramref name="s"/> by a neighbour, a zero-padded or a long form.</summary>
    public static string NudgeNumber(Random rng, string s)
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = 0; i < s.Length;)
        {
            if (!char.IsAsciiDigit(s[i])) { i++; continue; }
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            runs.Add((start, i - start));
        }

        if (runs.Count == 0) return s;
        var (st, len) = runs[rng.Next(runs.Count)];
        var digits = s.Substring(st, len);
        string replacement;
        if (len < 9)
        {
            var v = long.Parse(digits, CultureInfo.InvariantCulture);
            replacement = rng.Next(6) switch
            {
                0 => (v + 1).ToString(CultureInfo.InvariantCulture),
                1 => Math.Max(0, v - 1).ToString(CultureInfo.InvariantCulture),
                2 => "0" + digits,
                3 => v.ToString(CultureInfo.InvariantCulture),
                4 => LongRun(rng),
                _ => digits + rng.Next(10).ToString(CultureInfo.InvariantCulture),
            };
        }
        else
        {
            // Long runs: change one digit, keeping the length, so that overflow-prone comparisons are exercised.
            var chars = digits.ToCharArray();
            var k = rng.Next(1, chars.Length);
            chars[k] = (char)('0' + rng.Next(10));
            replacement = new string(chars);
        }

        return string.Concat(s.AsSpan(0, st), replacement, s.AsSpan(st + len));
    }

    private static int ReadSeed()
    {
        var env = Environment.GetEnvironmentVariable("VIGIL_DIFF_SEED");
        return int.TryParse(env, CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked((h * 31) + c);
        return h;
    }
}
