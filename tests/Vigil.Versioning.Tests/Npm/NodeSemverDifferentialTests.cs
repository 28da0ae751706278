using System.Globalization;
using System.Text;
using Vigil.Versioning.Npm;
using Vigil.Versioning.SemVer;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>Generated versions and ranges checked by Vigil and by node's semver package (tests/tools/node, npm ci).</summary>
public sealed partial class NodeSemverDifferentialTests
{
    private static string Tool => Differential.LocalTool("node", "semver-ref.js");

    private static string RequireNode()
    {
        if (!File.Exists(Differential.LocalTool("node", "node_modules", "semver", "package.json")))
        {
            Assert.Skip("node's semver package is not installed; run: npm ci --prefix tests/tools/node");
        }

        return ReferenceTool.Require(["node", "/usr/bin/node"], [Tool, "probe"], "node is not installed here; CI installs nodejs from .ci/apt-packages.txt");
    }

    [Fact]
    public void Strict_order_agrees_with_node_semver()
    {
        var node = RequireNode();
        // node-semver refuses numbers above 2^53-1 that SemVer 2.0 (and Vigil's semver scheme) allows; stay below.
        var pairs = Differential.Generate(Differential.RandomFor("semver"), r => Safe(Version(r, loose: false)), (r, v) => Safe(Mutate(r, v, loose: false)));
        Differential.CheckPairs("semver", SemVerScheme.Instance, pairs, node, [Tool, "compare"]);
    }

    [Fact]
    public void Loose_order_agrees_with_node_semver()
    {
        var node = RequireNode();
        // Beyond 2^53 node-semver compares numeric identifiers as floats (inexactly); Vigil is exact, so stay below.
        var pairs = Differential.Generate(Differential.RandomFor("npm"), r => Safe(Version(r, loose: true)), (r, v) => Safe(Mutate(r, v, loose: true)));
        Differential.CheckPairs("npm", NpmVersionScheme.Instance, pairs, node, [Tool, "compare-loose"]);
    }

    [Fact]
    public void Range_satisfaction_agrees_with_node_semver()
    {
        var node = RequireNode();
        var rng = Differential.RandomFor("npm-range");
        var cases = new List<(string Version, string Range, NpmRangeOptions Options)>(Differential.Pairs);
        for (var i = 0; i < Differential.Pairs; i++)
        {
            var options = new NpmRangeOptions(rng.Next(4) == 0, rng.Next(3) == 0);
            // Ranges over numbers beyond 2^53 hit JavaScript float arithmetic in node-semver; stay below.
            cases.Add((Safe(Version(rng, options.Loose)), Safe(Range(rng, options.Loose)), options));
        }

        var lines = cases.Select(c => $"{c.Version}\t{c.Range}\t{{\"loose\":{(c.Options.Loose ? "true" : "false")},\"includePrerelease\":{(c.Options.IncludePrerelease ? "true" : "false")}}}").ToList();
        var reference = ReferenceTool.Batch(node, [Tool, "satisfies"], lines, TimeSpan.FromSeconds(90));
        Differential.CheckCases("npm ranges", "node", reference, i => $"satisfies('{cases[i].Version}', '{cases[i].Range}', {cases[i].Options})",
            i => NpmRange.Satisfies(cases[i].Version, cases[i].Range, cases[i].Options) ? "true" : "false");
    }

    private static string Safe(string s) => LongNumber().Replace(s, m => m.Value[..15]);

    [System.Text.RegularExpressions.GeneratedRegex("[0-9]{16,}")]
    private static partial System.Text.RegularExpressions.Regex LongNumber();

    private static string Num(Random rng) => rng.Next(10) switch
    {
        0 => Differential.LongRun(rng),
        < 5 => rng.Next(3).ToString(CultureInfo.InvariantCulture),
        _ => rng.Next(20).ToString(CultureInfo.InvariantCulture),
    };

    private static string Version(Random rng, bool loose)
    {
        var sb = new StringBuilder();
        if (rng.Next(8) == 0) sb.Append(rng.Pick("v", loose ? "=" : "v", loose ? " v" : "v", loose ? "=v" : ""));
        sb.Append(Num(rng)).Append('.').Append(Num(rng)).Append('.').Append(Num(rng));
        if (loose && rng.Next(10) == 0) sb.Append(rng.Pick("0", "01"));
        if (rng.Next(3) == 0)
        {
            sb.Append(loose && rng.Next(4) == 0 ? "" : "-");
            var n = rng.Next(1, 4);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) sb.Append('.');
                sb.Append(rng.Next(4) switch
                {
                    0 => Num(rng),
                    1 => rng.Pick("alpha", "beta", "rc", "pre", "Alpha", "x-y", "-", "0a"),
                    2 => loose ? rng.Pick("01", "007", "alpha") : "alpha",
                    _ => rng.Pick("a", "b", "rc") + Num(rng),
                });
            }
        }

        if (rng.Next(6) == 0) sb.Append('+').Append(rng.Pick("build", "001", "sha.abc", "x-1"));
        return sb.ToString();
    }

    private static string Mutate(Random rng, string v, bool loose) => rng.Next(6) switch
    {
        < 3 => Differential.NudgeNumber(rng, v),
        3 => v.Contains('-', StringComparison.Ordinal) ? v[..v.IndexOf('-', StringComparison.Ordinal)] : v + "-" + rng.Pick("0", "alpha", "1", "alpha.1"),
        4 => v.Contains('+', StringComparison.Ordinal) ? v[..v.IndexOf('+', StringComparison.Ordinal)] : v + "+b" + rng.Next(3),
        _ => Version(rng, loose),
    };

    private static string Partial(Random rng, bool loose)
    {
        string X() => rng.Next(5) == 0 ? rng.Pick("x", "X", "*") : rng.Next(4).ToString(CultureInfo.InvariantCulture);
        return rng.Next(5) switch
        {
            0 => X(),
            1 => $"{X()}.{X()}",
            2 => $"{rng.Next(3)}.{rng.Next(3)}.{rng.Next(3)}-{rng.Pick("0", "alpha", "beta.1", "rc.2")}",
            _ => Version(rng, loose).TrimStart('v', '=', ' '),
        };
    }

    private static string Range(Random rng, bool loose)
    {
        var alternatives = rng.Next(1, 3);
        var parts = new List<string>();
        for (var a = 0; a < alternatives; a++)
        {
            var comps = new List<string>();
            var n = rng.Next(1, 3);
            for (var i = 0; i < n; i++)
            {
                comps.Add(rng.Next(8) switch
                {
                    0 => "^" + Partial(rng, loose),
                    1 => rng.Pick("~", "~>", "~ ") + Partial(rng, loose),
                    2 => $"{Partial(rng, loose)} - {Partial(rng, loose)}",
                    3 => rng.Pick("*", "", "x"),
                    4 => Partial(rng, loose),
                    _ => rng.Pick(">", ">=", "<", "<=", "=", "> ", "<= ") + Partial(rng, loose),
                });
            }

            parts.Add(string.Join(' ', comps));
        }

        return string.Join(rng.Pick(" || ", "||"), parts);
    }
}
