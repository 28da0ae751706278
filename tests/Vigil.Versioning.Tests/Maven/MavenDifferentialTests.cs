using System.Globalization;
using System.Text;
using Vigil.TestKit;
using Vigil.Versioning.Maven;
using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests.Maven;

/// <summary>
/// The <c>maven</c> scheme against the Maven installed here (Debian's maven 3.8.7, which orders as 3.9 does:
/// <c>ComparableVersion</c> and <c>VersionRange</c> from maven-artifact), through
/// <c>tests/tools/java/MavenCompare.java</c> in one JVM per test.
/// </summary>
public sealed class MavenDifferentialTests
{
    // Debian's maven links maven-artifact and what it needs (commons-lang3) into one folder.
    private const string MavenLib = "/usr/share/maven/lib";

    [Fact]
    public void Agrees_with_installed_maven_on_every_shared_pair()
    {
        var java = RequireMaven();
        var pairs = OrderCases.Read(SharedData.Require("testdata/versions/maven.tsv")).Select(c => (c.A, c.B)).ToList();
        Differential.CheckPairs("maven (every shared pair)", MavenVersionScheme.Instance, pairs, java, ["-cp", ClassPath, Tool, "compare"]);
    }

    [Fact]
    public void Agrees_with_installed_maven_on_generated_pairs()
    {
        var java = RequireMaven();
        var pairs = Differential.Generate(Differential.RandomFor("maven"), MavenGrammar.Version, MavenGrammar.Mutate);
        Differential.CheckPairs("maven", MavenVersionScheme.Instance, pairs, java, ["-cp", ClassPath, Tool, "compare"]);
    }

    [Fact]
    public void Ranges_agree_with_installed_maven_on_generated_cases()
    {
        var java = RequireMaven();
        var rng = Differential.RandomFor("maven-range");
        var cases = new List<(string, string)>(Differential.Pairs);
        for (var i = 0; i < Differential.Pairs; i++) cases.Add(MavenGrammar.RangeCase(rng));
        var reference = ReferenceTool.Batch(java, ["-cp", ClassPath, Tool, "contains"], Differential.AsLines(cases), TimeSpan.FromSeconds(120));
        Differential.CheckCases("maven ranges", "maven", reference, i => $"'{cases[i].Item1}' in '{cases[i].Item2}'",
            i => Differential.RangeAnswer("maven", cases[i].Item1, cases[i].Item2));
    }

    private static string Tool => Differential.LocalTool("java", "MavenCompare.java");

    private static string ClassPath => MavenLib + "/*";

    private static string RequireMaven()
    {
        if (!File.Exists(Path.Combine(MavenLib, "maven-artifact-3.x.jar"))) Assert.Skip("Maven's maven-artifact jar is not installed here; CI installs the 'maven' package from .ci/apt-packages.txt");
        return ReferenceTool.Require(["java", "/usr/bin/java"], ["-cp", ClassPath, Tool, "probe"], "no working java here (needs 11 or later); CI installs the 'maven' package, which brings one");
    }
}
