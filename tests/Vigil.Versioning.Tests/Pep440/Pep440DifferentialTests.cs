using System.Text;
using Vigil.Versioning.Pep440;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Pep440;

/// <summary>Generated PEP 440 versions ordered by Vigil and by pypa/packaging as pip vendors it.</summary>
public sealed class Pep440DifferentialTests
{
    [Fact]
    public void Agrees_with_pips_packaging_on_generated_pairs()
    {
        var python = ReferenceTool.Require(Differential.Pythons, [Differential.PythonTool, "probe-pep440"], "no python3 with pip (pip._vendor.packaging) or packaging here; CI installs python3-pip from .ci/apt-packages.txt");

        var pairs = Differential.Generate(Differential.RandomFor("pep440"), Version, Mutate);
        Differential.CheckPairs("pep440", Pep440VersionScheme.Instance, pairs, python, [Differential.PythonTool, "pep440"]);
    }

    private static string Version(Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(12) == 0) sb.Append(rng.Pick("v", "V"));
        if (rng.Next(8) == 0) sb.Append(rng.Next(3)).Append('!');
        sb.Append(Differential.Number(rng));
        var n = rng.Next(4);
        for (var i = 0; i < n; i++) sb.Append('.').Append(Differential.Number(rng));
        if (rng.Next(3) == 0)
        {
            sb.Append(rng.Pick("", "", ".", "-", "_")).Append(rng.Pick("a", "b", "rc", "c", "alpha", "beta", "pre", "preview", "RC", "A"));
            if (rng.Next(4) != 0) sb.Append(rng.Pick("", "", ".", "-", "_")).Append(Differential.Number(rng));
        }

        if (rng.Next(4) == 0)
        {
            if (rng.Next(4) == 0) sb.Append('-').Append(Differential.Number(rng));
            else
            {
                sb.Append(rng.Pick(".", "", "-", "_")).Append(rng.Pick("post", "rev", "r", "POST"));
                if (rng.Next(4) != 0) sb.Append(rng.Pick("", "", ".", "-")).Append(Differential.Number(rng));
            }
        }

        if (rng.Next(4) == 0)
        {
            sb.Append(rng.Pick(".", "", "-", "_")).Append(rng.Pick("dev", "DEV"));
            if (rng.Next(4) != 0) sb.Append(rng.Pick("", "", ".")).Append(Differential.Number(rng));
        }

        if (rng.Next(6) == 0)
        {
            sb.Append('+').Append(LocalPart(rng));
            var k = rng.Next(3);
            for (var i = 0; i < k; i++) sb.Append(rng.Pick(".", "-", "_")).Append(LocalPart(rng));
        }

        return sb.ToString();
    }

    private static string LocalPart(Random rng) => rng.Next(3) switch
    {
        0 => Differential.Number(rng),
        1 => rng.Pick("ubuntu", "abc", "cpu", "cu118", "g1a2b3c", "Local", "z"),
        _ => rng.Pick("a", "b", "x") + Differential.Number(rng),
    };

    private static string Mutate(Random rng, string v) => rng.Next(8) switch
    {
        < 3 => Differential.NudgeNumber(rng, v),
        3 => v.Contains('+', StringComparison.Ordinal) ? v[..v.IndexOf('+', StringComparison.Ordinal)] : v + "+" + LocalPart(rng),
        4 => v + rng.Pick(".0", ".dev0", ".post1", "a1", "rc1", ".0.0"),
        5 => v.Replace(".", rng.Pick("."), StringComparison.Ordinal) + (v.Contains('!', StringComparison.Ordinal) ? "" : ""),
        6 => v.Contains('!', StringComparison.Ordinal) ? v[(v.IndexOf('!', StringComparison.Ordinal) + 1)..] : "0!" + v.TrimStart('v', 'V'),
        _ => Differential.NudgeNumber(rng, Differential.NudgeNumber(rng, v)),
    };
}
