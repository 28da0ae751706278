namespace Vigil.Versioning.Deb;

/// <summary>A Debian package version, <c>[epoch:]upstream[-revision]</c>, ordered exactly as dpkg orders it.</summary>
public sealed class DebVersion : IVersion, IEquatable<DebVersion>, IComparable<DebVersion>
{
    internal DebVersion(string original, int epoch, string upstream, string revision)
    {
        Original = original;
        Epoch = epoch;
        Upstream = upstream;
        Revision = revision;
    }

    public string Original { get; }

    public int Epoch { get; }

    public string Upstream { get; }

    /// <summary>The Debian revision; empty when absent, which dpkg orders equal to "0".</summary>
    public string Revision { get; }

    public int CompareTo(DebVersion? other)
    {
        if (other is null) return 1;
        if (Epoch != other.Epoch) return Epoch < other.Epoch ? -1 : 1;
        var c = DpkgOrder.Compare(Upstream, other.Upstream);
        return c != 0 ? c : DpkgOrder.Compare(Revision, other.Revision);
    }

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        DebVersion d => CompareTo(d),
        _ => throw new ArgumentException($"cannot compare a deb version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(DebVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is DebVersion d && Equals(d);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        DpkgOrder.AddCanonical(ref hash, Upstream);
        hash.Add('-');
        DpkgOrder.AddCanonical(ref hash, Revision);
        return hash.ToHashCode();
    }

    public override string ToString() => Original;
}
