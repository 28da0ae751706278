using BenchmarkDotNet.Attributes;
using Vigil.Versioning;

namespace Vigil.Benchmarks.Versioning;

/// <summary>
/// Comparisons of already-parsed versions, per scheme: the matcher's hot path. One operation is one CompareTo, so
/// the "Allocated" column is bytes per comparison (the aim is 0) and 1/Mean is comparisons per second.
/// Run: dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*VersionCompare*'
/// </summary>
[MemoryDiagnoser]
public class VersionCompareBenchmarks
{
    // Realistic versions with the shapes that make each comparer work: epochs, tildes, revisions, pre-releases.
    private static readonly Dictionary<string, string[]> Samples = new(StringComparer.Ordinal)
    {
        ["deb"] = ["1:2.38.1-5+deb12u1", "1:2.38.1-5+deb12u2", "3.0.15-1~deb12u1", "3.0.15-1", "2.36-9+deb12u9", "2.36-9+deb12u10", "7.88.1-10+deb12u8", "7.88.1-10+deb12u12"],
        ["apk"] = ["3.3.2-r0", "3.3.2-r1", "1.36.1-r29", "1.36.1-r30", "2.12.7_p1-r0", "2.12.7-r0", "8.2.0015-r0", "8.2.002-r0"],
        ["rpm"] = ["1:3.0.7-27.el9", "1:3.0.7-28.el9_4", "2.34-100.el9_4.2", "2.34-100.el9_4.3", "7.76.1-29.el9_4.1", "7.76.1-29.el9_4", "1.0~rc1-1", "1.0-1"],
        ["pep440"] = ["2.31.0", "2.32.0rc1", "1.26.18", "1.26.18.post1", "3.0.0.dev4", "3.0.0a1", "1!1.0", "1.0+local.7"],
        ["semver"] = ["1.2.3", "1.2.3-rc.1", "1.2.3-rc.2", "4.17.21", "4.17.20", "10.0.0-alpha.1", "10.0.0-alpha.beta", "0.0.1"],
        ["npm"] = ["1.2.3", "v1.2.3-rc.1", "1.2.3-rc.2", "4.17.21", "=4.17.20", "10.0.0-alpha.1", "10.0.0-alpha.beta", "0.0.1"],
        ["go"] = ["v1.2.3", "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "v2.0.0+incompatible", "v1.10.0", "v1.9.0", "v0.4.1", "v0.4.1-pre"],
        ["gem"] = ["7.0.8", "7.0.8.1", "7.1.0.rc1", "7.1.0", "1.13.10", "1.13.9", "2.0.0.beta2", "2.0.0"],
        ["maven"] = ["2.13.4.2", "2.13.4.1", "5.3.20.RELEASE", "5.3.20", "1.0.0-RC1", "1.0.0.RC2", "31.1-jre", "2.0-SNAPSHOT"],
        ["nuget"] = ["13.0.3", "13.0.1", "6.0.0-preview.7.21377.19", "6.0.0-rc.1.21451.13", "4.7.2.1", "4.7.2", "8.0.0-RC.2.23479.6", "8.0.0-rc.2.23479.6+build.7"],
        ["composer"] = ["v5.4.21", "v5.4.22", "6.0.0-BETA1", "6.0.0-RC1", "2.9.0-alpha.2", "2.9.0", "1.0.0-patch1", "10.4.1"],
    };

    private IVersion[] _versions = [];

    [ParamsSource(nameof(Schemes))]
    public string Scheme { get; set; } = "deb";

    public static IEnumerable<string> Schemes => Samples.Keys;

    [GlobalSetup]
    public void Setup()
    {
        var scheme = VersionSchemes.Get(Scheme);
        _versions = [.. Samples[Scheme].Select(s => scheme.TryParse(s, out var v, out var reason) ? v : throw new InvalidOperationException($"{Scheme}: '{s}': {reason}"))];
    }

    private const int Ops = 8;

    [Benchmark(OperationsPerInvoke = Ops)]
    public int Compare()
    {
        var v = _versions;
        var sum = 0;
        for (var i = 0; i < Ops; i++) sum += v[i].CompareTo(v[(i + 1) & 7]);
        return sum;
    }
}
