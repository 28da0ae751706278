using System.Text;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Versioning.Tests.Support;

/// <summary>Fixture files of this repository under tests/fixtures/versioning/.</summary>
public static class LocalFixtures
{
    public static string Path(string name) => RepoPaths.Fixture("versioning", name);

    /// <summary>Lines: <c>a&lt;TAB&gt;op&lt;TAB&gt;b</c>; '#' starts a comment line; a version may be written as a JSON string to show blanks.</summary>
    public static void CheckOrderFile(string name, IVersionScheme scheme)
    {
        var failures = new StringBuilder();
        var count = 0;
        foreach (var (line, cols) in Lines(name))
        {
            count++;
            var expected = OrderCases.ParseOp(cols[1], name, line);
            var (order, error) = OrderCases.ViaScheme(scheme, Unquote(cols[0]), Unquote(cols[2]));
            if (order is null) failures.AppendLine($"{name}:{line}: {error}");
            else if (Math.Sign(order.Value) != expected) failures.AppendLine($"{name}:{line}: expected '{cols[0]}' {cols[1]} '{cols[2]}', got {OrderCases.OpText(order.Value)}");
        }

        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(count > 0);
    }

    /// <summary>Lines: <c>version&lt;TAB&gt;range&lt;TAB&gt;true|false</c>, checked through <see cref="VersionTool.TryCheckRange"/>; JSON strings show blanks.</summary>
    public static void CheckRangeFile(string name, string scheme)
    {
        var failures = new List<string>();
        foreach (var (line, c) in Lines(name))
        {
            if (!VersionTool.TryCheckRange(scheme, Unquote(c[0]), Unquote(c[1]), out var ok, out var error)) failures.Add($"{name}:{line}: {error}");
            else if (ok != bool.Parse(c[2])) failures.Add($"{name}:{line}: '{c[0]}' in '{c[1]}' expected {c[2]}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.NotEmpty(Lines(name));
    }

    /// <summary>Lines: <c>version&lt;TAB&gt;words the reason must contain</c>. The version may be written as a JSON string to show blanks.</summary>
    public static void CheckInvalidFile(string name, IVersionScheme scheme)
    {
        var failures = new StringBuilder();
        var count = 0;
        foreach (var (line, cols) in Lines(name))
        {
            count++;
            var text = Unquote(cols[0]);
            if (scheme.TryParse(text, out var v, out var reason))
            {
                failures.AppendLine($"{name}:{line}: '{text}' was accepted as {v.Original}");
            }
            else if (cols.Length > 1 && !reason.Contains(cols[1], StringComparison.OrdinalIgnoreCase))
            {
                failures.AppendLine($"{name}:{line}: '{text}' rejected with '{reason}', expected it to mention '{cols[1]}'");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(count > 0);
    }

    public static IEnumerable<(int Line, string[] Columns)> Lines(string name)
    {
        var n = 0;
        foreach (var raw in File.ReadLines(Path(name)))
        {
            n++;
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            yield return (n, raw.Split('\t'));
        }
    }

    public static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? System.Text.Json.JsonSerializer.Deserialize(s, FixtureJson.Default.String)! : s;
}
