using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Ranges;

/// <summary>A parsed range in some scheme's native syntax (npm ranges, PEP 440 specifiers, a comparator list …).</summary>
public interface IVersionRange
{
    string Original { get; }

    /// <summary>Whether <paramref name="version"/> (of the same scheme) lies in the range.</summary>
    bool Contains(IVersion version);
}

/// <summary>Implemented by schemes that have their own range syntax; the others use <see cref="ComparatorRange"/>.</summary>
public interface IRangeSyntax
{
    bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason);
}
