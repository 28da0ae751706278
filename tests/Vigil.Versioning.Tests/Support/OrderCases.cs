using System.Text;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Versioning.Tests.Support;

/// <summary>Reads <c>a&lt;TAB&gt;op&lt;TAB&gt;b</c> order files and checks every line against a scheme, reporting all failures at once.</summary>
public static class OrderCases
{
    public static IEnumerable<(int Line, string A, int Expected, string B)> Read(string path)
    {
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            Assert.True(parts.Length == 3, $"{path}:{n}: expected a<TAB>op<TAB>b, got '{line}'");
            yield return (n, parts[0], ParseOp(parts[1], path, n), parts[2]);
        }
    }

    public static int ParseOp(string op, string path, int line) => op switch
    {
        "<" => -1,
        "=" => 0,
        ">" => 1,
        _ => throw new InvalidDataException($"{path}:{line}: unknown op '{op}'"),
    };

    public static string OpText(int c) => c < 0 ? "<" : c > 0 ? ">" : "=";

    /// <summary>Checks every line of a shared order file; <paramref name="compare"/> returns null when a side does not parse.</summary>
    public static int CheckSharedFile(string relative, Func<string, string, (int? Order, string? Error)> compare) =>
        CheckSharedFile(relative, (a, b, _) => compare(a, b));

    /// <summary>As above, and <paramref name="compare"/> also sees the expected sign (for lines a test decides to refuse).</summary>
    public static int CheckSharedFile(string relative, Func<string, string, int, (int? Order, string? Error)> compare)
    {
        var path = SharedData.Require(relative);
        var failures = new StringBuilder();
        int count = 0, failed = 0;
        foreach (var (line, a, expected, b) in Read(path))
        {
            count++;
            var (order, error) = compare(a, b, expected);
            if (order is null)
            {
                failed++;
                if (failed <= 30) failures.AppendLine($"{relative}:{line}: '{a}' {OpText(expected)} '{b}': {error}");
                continue;
            }

            if (Math.Sign(order.Value) != expected)
            {
                failed++;
                if (failed <= 30) failures.AppendLine($"{relative}:{line}: expected '{a}' {OpText(expected)} '{b}', got {OpText(order.Value)}");
            }
        }

        Assert.True(failed == 0, $"{failed} of {count} lines failed:\n{failures}");
        Assert.True(count > 0, $"{relative} holds no cases");
        return count;
    }

    /// <summary>
    /// Checks a shared vector file where a line may hold a version the scheme refuses: such a line passes only when
    /// TryParse refuses it with a reason. Returns how many lines were refused.
    /// </summary>
    public static int CheckSharedFileAllowingRefusals(string relative, IVersionScheme scheme)
    {
        var refused = 0;
        CheckSharedFile(relative, (a, b, expected) =>
        {
            var aOk = scheme.TryParse(a, out IVersion? _, out var ra);
            var bOk = scheme.TryParse(b, out IVersion? _, out var rb);
            if (aOk && bOk) return ViaScheme(scheme, a, b);
            if (string.IsNullOrWhiteSpace(ra ?? rb)) return (null, "refused without a reason");
            refused++;
            return (expected, null);
        });
        return refused;
    }

    /// <summary>Compares through the public scheme API, and checks the antisymmetric and Equals/hash contracts on the way.</summary>
    public static (int? Order, string? Error) ViaScheme(IVersionScheme scheme, string a, string b)
    {
        if (!scheme.TryParse(a, out var va, out var ra)) return (null, $"'{a}' rejected: {ra}");
        if (!scheme.TryParse(b, out var vb, out var rb)) return (null, $"'{b}' rejected: {rb}");
        var ab = va.CompareTo(vb);
        var ba = vb.CompareTo(va);
        if (Math.Sign(ab) != -Math.Sign(ba)) return (null, $"not antisymmetric: a?b={ab}, b?a={ba}");
        if ((ab == 0) != va.Equals(vb)) return (null, $"Equals disagrees with CompareTo ({ab})");
        if (ab == 0 && va.GetHashCode() != vb.GetHashCode()) return (null, "equal versions hash differently");
        return (ab, null);
    }
}
