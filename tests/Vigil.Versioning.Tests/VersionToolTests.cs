using Vigil.Versioning.Tests.Support;
using Xunit;

namespace Vigil.Versioning.Tests;

public sealed class VersionToolTests
{
    [Fact]
    public void Every_line_of_the_version_tool_fixture_holds()
    {
        var failures = new List<string>();
        foreach (var (line, c) in LocalFixtures.Lines("version-tool.tsv"))
        {
            var where = $"version-tool.tsv:{line}";
            switch (c[0])
            {
                case "compare":
                    if (!VersionTool.TryCompare(c[1], c[2], c[3], out var order, out var e1)) failures.Add($"{where}: {e1}");
                    else if (OrderCases.OpText(order) != c[4]) failures.Add($"{where}: expected {c[4]}, got {OrderCases.OpText(order)}");
                    break;
                case "range":
                    if (!VersionTool.TryCheckRange(c[1], c[2], c[3], out var sat, out var e2)) failures.Add($"{where}: {e2}");
                    else if (sat != bool.Parse(c[4])) failures.Add($"{where}: expected {c[4]}, got {sat}");
                    break;
                case "error":
                    var arg2 = c.Length > 4 ? c[4] : "";
                    var ok = c[1] == "compare"
                        ? VersionTool.TryCompare(c[2], c[3], arg2, out _, out var e3)
                        : VersionTool.TryCheckRange(c[2], c[3], arg2, out _, out e3);
                    if (ok) failures.Add($"{where}: expected an error");
                    else if (string.IsNullOrWhiteSpace(e3)) failures.Add($"{where}: error without a message");
                    break;
                default:
                    failures.Add($"{where}: unknown kind {c[0]}");
                    break;
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
