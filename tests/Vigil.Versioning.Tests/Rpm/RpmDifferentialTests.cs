using System.Text;
using Vigil.Versioning.Rpm;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Rpm;

/// <summary>Generated EVRs ordered by Vigil and by python3-rpm (rpm.ver to split, rpm.labelCompare to order).</summary>
public sealed class RpmDifferentialTests
{
    [Fact]
    public void Agrees_with_python3_rpm_on_generated_pairs()
    {
        var python = ReferenceTool.Require(Differential.Pythons, [Differential.PythonTool, "probe-rpm"], "no python3 with the rpm module (Debian package python3-rpm) here; CI installs it from .ci/apt-packages.txt");

        var pairs = Differential.Generate(Differential.RandomFor("rpm"), Version, Mutate);
        Differential.CheckPairs("rpm", RpmVersionScheme.Instance, pairs, python, [Differential.PythonTool, "rpm"]);
    }

    private static string Version(Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(5) == 0) sb.Append(rng.Next(4) == 0 ? Differential.Number(rng) : rng.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':');
        sb.Append(Segment(rng));
        var parts = rng.Next(4);
        for (var i = 0; i < parts; i++) sb.Append(rng.Pick(".", ".", ".", "_", "+", "~", "^", "~~", "")).Append(Segment(rng));
        if (rng.Next(10) < 7)
        {
            sb.Append('-').Append(Differential.Number(rng));
            var rparts = rng.Next(3);
            for (var i = 0; i < rparts; i++) sb.Append(rng.Pick(".el9", ".el8_", ".fc", ".module+el8.", "~", "^", ".", "_")).Append(Segment(rng));
        }

        return sb.ToString();
    }

    private static string Segment(Random rng) => rng.Next(8) switch
    {
        0 => rng.Pick("rc", "beta", "git", "svn", "a", "b", "Z", "el", "fc", "post") + Differential.Number(rng),
        1 => rng.Pick("rc", "beta", "a", "p", "git"),
        _ => Differential.Number(rng),
    };

    private static string Mutate(Random rng, string v)
    {
        var m = rng.Next(8) switch
        {
            < 3 => Differential.NudgeNumber(rng, v),
            3 => v + rng.Pick("~rc1", "^git1", ".1", "a", "~", "^", "_1", "-1"),
            4 => v.Contains(':', StringComparison.Ordinal) ? v[(v.IndexOf(':', StringComparison.Ordinal) + 1)..] : "0:" + v,
            5 => v.Contains('-', StringComparison.Ordinal) ? v[..v.LastIndexOf('-')] : v + "-1",
            6 => v.Replace(".", rng.Pick("_", "+", "..", "."), StringComparison.Ordinal),
            _ => Differential.NudgeNumber(rng, Differential.NudgeNumber(rng, v)),
        };

        // Keep to inputs both sides accept: a version part must be non-empty.
        var rest = m.Contains(':', StringComparison.Ordinal) ? m[(m.IndexOf(':', StringComparison.Ordinal) + 1)..] : m;
        return rest.Length == 0 || rest[0] == '-' ? v : m;
    }
}
