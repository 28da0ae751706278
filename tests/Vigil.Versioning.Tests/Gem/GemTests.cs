using System.Globalization;
using System.Text;
using Vigil.Versioning.Gem;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Gem;

public sealed class GemTests
{
    private static string Tool => Differential.LocalTool("ruby", "gemcmp.rb");

    /// <summary>
    /// Two lines hold versions Vigil refuses with a reason: <c>1beta</c> (RubyGems 3.3, the reference here, calls it
    /// malformed) and the empty string (RubyGems reads it as "0"; an empty installed version is a defect to report).
    /// </summary>
    [Fact]
    public void Every_line_of_shared_gem_tsv_holds()
    {
        var refused = OrderCases.CheckSharedFileAllowingRefusals("testdata/versions/gem.tsv", GemVersionScheme.Instance);
        Assert.InRange(refused, 0, 3);
    }

    [Fact]
    public void Every_line_of_the_local_order_fixture_holds() =>
        LocalFixtures.CheckOrderFile("gem-order.tsv", GemVersionScheme.Instance);

    [Fact]
    public void Rejects_malformed_versions_with_a_reason() =>
        LocalFixtures.CheckInvalidFile("gem-invalid.tsv", GemVersionScheme.Instance);

    [Fact]
    public void Requirements_match_as_rubygems_says() =>
        LocalFixtures.CheckRangeFile("gem-requirements.tsv", "gem");

    [Fact]
    public void Agrees_with_ruby_gem_version_on_generated_pairs()
    {
        var ruby = RequireRuby();
        var pairs = Differential.Generate(Differential.RandomFor("gem"), Version, Mutate);
        Differential.CheckPairs("gem", GemVersionScheme.Instance, pairs, ruby, [Tool, "compare"]);
    }

    [Fact]
    public void Agrees_with_ruby_gem_requirement_on_generated_cases()
    {
        var ruby = RequireRuby();
        var rng = Differential.RandomFor("gem-requirement");
        var cases = new List<(string, string)>();
        for (var i = 0; i < Differential.Pairs; i++)
        {
            var v = Version(rng);
            var n = rng.Next(1, 3);
            var req = string.Join(", ", Enumerable.Range(0, n).Select(_ => rng.Pick("~> ", "~>", ">= ", "> ", "< ", "<= ", "= ", "!= ", "") + (rng.Next(2) == 0 ? Mutate(rng, v) : Version(rng))));
            cases.Add((v, req));
        }

        var reference = ReferenceTool.Batch(ruby, [Tool, "satisfies"], Differential.AsLines(cases), TimeSpan.FromSeconds(90));
        Differential.CheckCases("gem requirements", "ruby", reference, i => $"'{cases[i].Item1}' in '{cases[i].Item2}'",
            i => Differential.RangeAnswer("gem", cases[i].Item1, cases[i].Item2));
    }

    private static string RequireRuby()
    {
        return ReferenceTool.Require(["ruby", "/usr/bin/ruby"], [Tool, "probe"], "ruby is not installed here; CI installs it from .ci/apt-packages.txt");
    }

    private static string Version(Random rng)
    {
        var sb = new StringBuilder(Differential.Number(rng));
        var n = rng.Next(4);
        for (var i = 0; i < n; i++)
        {
            sb.Append('.').Append(rng.Next(6) switch
            {
                0 => rng.Pick("a", "b", "rc", "pre", "beta", "alpha", "A", "Z"),
                1 => rng.Pick("rc", "b", "beta") + rng.Next(4).ToString(CultureInfo.InvariantCulture),
                _ => Differential.Number(rng),
            });
        }

        if (rng.Next(8) == 0) sb.Append(rng.Pick("a", "rc1", "b2"));
        if (rng.Next(8) == 0) sb.Append('-').Append(rng.Pick("1", "beta", "rc.2", "x-y"));
        return sb.ToString();
    }

    private static string Mutate(Random rng, string v) => rng.Next(6) switch
    {
        < 3 => Differential.NudgeNumber(rng, v),
        3 => v + rng.Pick(".0", ".a", ".1", "a", ".pre.1", "-1"),
        4 => v.Contains('.', StringComparison.Ordinal) ? v[..v.LastIndexOf('.')] : v + ".0.0",
        _ => v.Replace(".0", "", StringComparison.Ordinal) is { Length: > 0 } s && char.IsAsciiDigit(s[0]) ? s : v,
    };
}
