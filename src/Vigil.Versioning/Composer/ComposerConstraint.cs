using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.Composer;

/// <summary>
/// A Composer version constraint (<c>^1.2</c>, <c>~1.2</c>, <c>1.2.*</c>, <c>&gt;=1.0 &lt;2.0</c>, <c>1.0 - 2.0</c>,
/// <c>||</c>, <c>@dev</c> …), read as composer/semver's <c>VersionParser::parseConstraints</c> reads it; a version lies
/// in it when <c>Semver::satisfies</c> says so.
/// </summary>
public sealed class ComposerConstraint : IVersionRange
{
    private readonly ComposerBound[][] _alternatives;

    private ComposerConstraint(string original, ComposerBound[][] alternatives)
    {
        Original = original;
        _alternatives = alternatives;
    }

    public string Original { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out ComposerConstraint? constraint, [NotNullWhen(false)] out string? reason)
    {
        constraint = null;
        if (text is null)
        {
            reason = "constraint is empty";
            return false;
        }

        if (!ComposerConstraintParser.TryParse(text, out var alternatives, out reason)) return false;
        constraint = new ComposerConstraint(text, alternatives);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies the constraint. The version is compared in the form Composer's
    /// <c>normalize</c> gives it (so 1.0 equals 1.0.0.0 here, unlike in <see cref="ComposerVersion.CompareTo(ComposerVersion)"/>).
    /// </summary>
    public bool Contains(IVersion version)
    {
        if (version is not ComposerVersion v) throw new ArgumentException($"cannot check a {version?.GetType().Name} against a Composer constraint", nameof(version));
        foreach (var bounds in _alternatives)
        {
            var all = true;
            foreach (var b in bounds)
            {
                if (b.Matches(v.ConstraintKey)) continue;
                all = false;
                break;
            }

            if (all) return true;
        }

        return false;
    }

    public override string ToString() => Original;
}
