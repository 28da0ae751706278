using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Gem;

/// <summary>A <c>Gem::Requirement</c>: comma-separated <c>op version</c> pairs that must all hold; ops = != &gt; &lt; &gt;= &lt;= ~&gt;.</summary>
public sealed partial class GemRequirement : IVersionRange
{
    private readonly (string Op, GemVersion Version)[] _parts;

    private GemRequirement(string original, (string, GemVersion)[] parts)
    {
        Original = original;
        _parts = parts;
    }

    public string Original { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out GemRequirement? requirement, [NotNullWhen(false)] out string? reason)
    {
        requirement = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "requirement is empty";
            return false;
        }

        var parts = new List<(string, GemVersion)>();
        foreach (var raw in text.Split(','))
        {
            var m = Requirement().Match(raw.Trim());
            if (!m.Success)
            {
                reason = $"Illformed requirement [\"{raw.Trim()}\"]";
                return false;
            }

            var op = m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : "=";
            if (!GemVersionScheme.Instance.TryParse(m.Groups[2].Value, out GemVersion? v, out reason)) return false;
            parts.Add((op, v));
        }

        requirement = new GemRequirement(text, [.. parts]);
        reason = null;
        return true;
    }

    public bool Contains(IVersion version)
    {
        if (version is not GemVersion v) throw new ArgumentException($"cannot check a {version?.GetType().Name} against a gem requirement", nameof(version));
        foreach (var (op, r) in _parts)
        {
            var c = v.CompareTo(r);
            var ok = op switch
            {
                "=" => c == 0,
                "!=" => c != 0,
                ">" => c > 0,
                "<" => c < 0,
                ">=" => c >= 0,
                "<=" => c <= 0,
                _ => c >= 0 && v.Release().CompareTo(r.Bump()) < 0,
            };
            if (!ok) return false;
        }

        return true;
    }

    public override string ToString() => Original;

    [GeneratedRegex("^(=|!=|>|<|>=|<=|~>)?\\s*(" + GemVersionScheme.VersionPattern + ")$", RegexOptions.CultureInvariant)]
    private static partial Regex Requirement();
}
