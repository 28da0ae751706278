using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning;

/// <summary>A parsed version of one scheme. Comparing versions of different schemes is a programming error.</summary>
public interface IVersion : IComparable<IVersion>
{
    /// <summary>The text it was parsed from.</summary>
    string Original { get; }
}

/// <summary>One version scheme (dpkg, apk, rpm, semver, pep440 …). Comparers never throw on input that TryParse accepted.</summary>
public interface IVersionScheme
{
    /// <summary>The scheme's name as data files and the CLI use it: deb, apk, rpm, semver, npm, pep440, maven, gem, nuget, composer, go.</summary>
    string Name { get; }

    /// <summary>Parses <paramref name="text"/>; on failure returns false with a reason a user can read.</summary>
    bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason);
}
