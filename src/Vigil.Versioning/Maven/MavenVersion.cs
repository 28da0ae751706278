namespace Vigil.Versioning.Maven;

/// <summary>A Maven version, ordered as Maven 3.9's <c>org.apache.maven.artifact.versioning.ComparableVersion</c>.</summary>
public sealed class MavenVersion : IVersion, IEquatable<MavenVersion>, IComparable<MavenVersion>
{
    private readonly MavenList _items;

    internal MavenVersion(string original)
    {
        Original = original;
        _items = MavenParser.Parse(original);
    }

    public string Original { get; }

    /// <summary>Maven's canonical form (<c>ComparableVersion.getCanonical</c>), for explaining a comparison.</summary>
    public string Canonical => _items.ToString();

    public int CompareTo(MavenVersion? other) => other is null ? 1 : MavenOrder.Lists(_items, other._items);

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        MavenVersion m => CompareTo(m),
        _ => throw new ArgumentException($"cannot compare a maven version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(MavenVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is MavenVersion m && Equals(m);

    public override int GetHashCode() => MavenOrder.OrderingHash(_items);

    public override string ToString() => Original;
}
