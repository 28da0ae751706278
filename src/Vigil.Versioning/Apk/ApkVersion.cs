namespace Vigil.Versioning.Apk;

/// <summary>An Alpine package version, ordered exactly as apk-tools orders it.</summary>
public sealed class ApkVersion : IVersion, IEquatable<ApkVersion>, IComparable<ApkVersion>
{
    internal ApkVersion(string original) => Original = original;

    public string Original { get; }

    public int CompareTo(ApkVersion? other) => other is null ? 1 : ApkOrder.Compare(Original, other.Original);

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        ApkVersion a => CompareTo(a),
        _ => throw new ArgumentException($"cannot compare an apk version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(ApkVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ApkVersion a && Equals(a);

    public override int GetHashCode() => ApkOrder.Hash(Original);

    public override string ToString() => Original;
}
