using System.Globalization;
using System.Text;
using Vigil.Versioning.Deb;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Deb;

/// <summary>Generated Debian versions ordered by Vigil and by python3-apt's apt_pkg.version_compare (dpkg's algorithm).</summary>
public sealed class DebDifferentialTests
{
    [Fact]
    public void Agrees_with_python3_apt_on_generated_pairs()
    {
        var python = ReferenceTool.Require(Differential.Pythons, [Differential.PythonTool, "probe-deb"], "no python3 with apt_pkg (Debian package python3-apt) here; CI installs it from .ci/apt-packages.txt");

        var pairs = Differential.Generate(Differential.RandomFor("deb"), Version, Mutate);
        Differential.CheckPairs("deb", DebVersionScheme.Instance, pairs, python, [Differential.PythonTool, "deb"]);
    }

    internal static string Version(Random rng)
    {
        var sb = new StringBuilder();
        var hasEpoch = rng.Next(5) == 0;
        var hasRevision = rng.Next(10) < 6;
        if (hasEpoch) sb.Append(rng.Next(4) == 0 ? rng.Next(100) : rng.Next(4)).Append(':');
        sb.Append(Differential.Number(rng));
        var parts = rng.Next(4);
        for (var i = 0; i < parts; i++)
        {
            switch (rng.Next(12))
            {
                case < 6: sb.Append('.').Append(Differential.Number(rng)); break;
                case 6: sb.Append('~').Append(rng.Pick("rc", "beta", "alpha", "pre", "", "dev")).Append(rng.Next(4)); break;
                case 7: sb.Append('+').Append(rng.Pick("dfsg", "ds", "really", "git", "b", "repack", "")).Append(Differential.Number(rng)); break;
                case 8: sb.Append(rng.Pick("a", "b", "c", "p", "z", "A")).Append(rng.Next(3) == 0 ? Differential.Number(rng) : ""); break;
                case 9 when hasEpoch: sb.Append(':').Append(Differential.Number(rng)); break;
                case 10 when hasRevision: sb.Append('-').Append(Differential.Number(rng)); break;
                default: sb.Append(rng.Pick(".", "+", "~", "~~", "")).Append(Differential.Number(rng)); break;
            }
        }

        if (hasRevision)
        {
            sb.Append('-').Append(rng.Next(8) switch
            {
                0 => "0",
                1 => Differential.Number(rng) + "ubuntu" + rng.Next(5),
                2 => Differential.Number(rng) + "+deb" + rng.Next(10, 14) + "u" + rng.Next(5),
                3 => Differential.Number(rng) + "~bpo" + rng.Next(10, 13) + "+" + rng.Next(3),
                4 => Differential.Number(rng) + "." + Differential.Number(rng),
                5 => Differential.Number(rng) + "build" + rng.Next(4),
                6 => Differential.Number(rng) + "~",
                _ => Differential.Number(rng),
            });
        }

        return sb.ToString();
    }

    /// <summary>Mutations may break dpkg's syntax; apt_pkg orders anything, so keep to what dpkg itself accepts.</summary>
    internal static string Mutate(Random rng, string v) => KeepValid(MutateRaw(rng, v));

    private static string KeepValid(string v)
    {
        if (v.EndsWith('-') || v.EndsWith(':')) v += "1";
        var colon = v.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return v;
        if (colon > 9) return string.Concat("1", v.AsSpan(colon));
        return v.AsSpan(0, colon).ContainsAnyExceptInRange('0', '9') ? "0:" + v : v;
    }

    private static string MutateRaw(Random rng, string v) => rng.Next(9) switch
    {
        < 3 => Differential.NudgeNumber(rng, v),
        3 => v + rng.Pick("~rc1", "~", "+b1", ".0", "a", "-1", "0"),
        4 => v.Contains(':', StringComparison.Ordinal) ? v[(v.IndexOf(':', StringComparison.Ordinal) + 1)..] : "0:" + v,
        5 => v.Contains('-', StringComparison.Ordinal) ? v[..v.LastIndexOf('-')] : v + "-0",
        6 => v.Replace(".", rng.Pick("~", "+", "."), StringComparison.Ordinal),
        7 => v.Length > 2 ? v[..^1] : v,
        _ => Differential.NudgeNumber(rng, Differential.NudgeNumber(rng, v)),
    };
}
