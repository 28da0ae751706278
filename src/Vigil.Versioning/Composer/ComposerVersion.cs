namespace Vigil.Versioning.Composer;

/// <summary>
/// A Composer/Packagist version, ordered as PHP's <c>version_compare</c> orders it after one leading v is removed
/// (the order OSV's Packagist ecosystem uses), with numbers of any length compared exactly.
/// </summary>
public sealed class ComposerVersion : IVersion, IEquatable<ComposerVersion>, IComparable<ComposerVersion>
{
    private readonly VersionPart[] _parts;

    internal ComposerVersion(string original, VersionPart[] parts, string? normalized, VersionPart[] constraintKey)
    {
        Original = original;
        _parts = parts;
        Normalized = normalized;
        ConstraintKey = constraintKey;
    }

    public string Original { get; }

    /// <summary>composer/semver's <c>VersionParser::normalize</c> of the version (1.0.0.0-beta2), or null where Composer refuses it.</summary>
    public string? Normalized { get; }

    /// <summary>The parts constraints compare: those of <see cref="Normalized"/>, else this version's own with its leading numbers padded to four.</summary>
    internal VersionPart[] ConstraintKey { get; }

    public int CompareTo(ComposerVersion? other) => other is null ? 1 : PhpVersionOrder.Compare(_parts, other._parts);

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        ComposerVersion c => CompareTo(c),
        _ => throw new ArgumentException($"cannot compare a Composer version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(ComposerVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ComposerVersion c && Equals(c);

    // Equal versions have equal parts: same count, numbers equal after leading zeros, words of equal weight.
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in _parts) h.Add(p);
        return h.ToHashCode();
    }

    public override string ToString() => Original;
}
