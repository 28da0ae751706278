namespace Vigil.Versioning.Rpm;

/// <summary>An RPM <c>[epoch:]version[-release]</c>, ordered as rpm's <c>labelCompare</c> orders it.</summary>
public sealed class RpmVersion : IVersion, IEquatable<RpmVersion>, IComparable<RpmVersion>
{
    internal RpmVersion(string original, string epoch, string version, string? release)
    {
        Original = original;
        Epoch = epoch;
        Version = version;
        Release = release;
    }

    public string Original { get; }

    /// <summary>The epoch digits; "0" when absent, as rpm reads it.</summary>
    public string Epoch { get; }

    public string Version { get; }

    /// <summary>The release, or null when the text has none; a missing release sorts before any release, as in rpm's labelCompare.</summary>
    public string? Release { get; }

    public int CompareTo(RpmVersion? other)
    {
        if (other is null) return 1;
        var c = RpmVerCmp.Compare(Epoch, other.Epoch);
        if (c != 0) return c;
        c = RpmVerCmp.Compare(Version, other.Version);
        if (c != 0) return c;
        if (Release is null || other.Release is null) return (Release is null ? 0 : 1) - (other.Release is null ? 0 : 1);
        return RpmVerCmp.Compare(Release, other.Release);
    }

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        RpmVersion r => CompareTo(r),
        _ => throw new ArgumentException($"cannot compare an rpm version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(RpmVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is RpmVersion r && Equals(r);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        RpmVerCmp.AddCanonical(ref hash, Epoch);
        hash.Add(':');
        RpmVerCmp.AddCanonical(ref hash, Version);
        hash.Add(Release is null);
        if (Release is not null) RpmVerCmp.AddCanonical(ref hash, Release);
        return hash.ToHashCode();
    }

    public override string ToString() => Original;
}
