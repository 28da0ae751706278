namespace Vigil.Versioning.NuGet;

/// <summary>
/// A NuGet package version (SemVer 2.0 plus the legacy fourth number), ordered as NuGet.Versioning's
/// <c>VersionComparer.Default</c>: the four numbers, then pre-release labels; build metadata is ignored.
/// </summary>
public sealed class NuGetVersion : IVersion, IComparable<NuGetVersion>, IEquatable<NuGetVersion>
{
    private readonly NuGetReleaseLabel[] _labels;

    internal NuGetVersion(string original, int major, int minor, int patch, int revision, NuGetReleaseLabel[] labels, string metadata)
    {
        Original = original;
        Major = major;
        Minor = minor;
        Patch = patch;
        Revision = revision;
        _labels = labels;
        Metadata = metadata;
    }

    public string Original { get; }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; }

    /// <summary>The legacy fourth number; 0 when absent, as in NuGet.</summary>
    public int Revision { get; }

    public bool IsPrerelease => _labels.Length > 0;

    public IReadOnlyList<string> ReleaseLabels => [.. _labels.Select(l => l.Text)];

    /// <summary>The build metadata after '+', or "" when there is none.</summary>
    public string Metadata { get; }

    public int CompareTo(NuGetVersion? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c == 0) c = Revision.CompareTo(other.Revision);
        if (c != 0) return c;

        var a = _labels;
        var b = other._labels;
        // A release sorts after its pre-releases.
        if (a.Length == 0 || b.Length == 0) return b.Length.CompareTo(a.Length);
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            c = NuGetReleaseLabel.Compare(a[i], b[i]);
            if (c != 0) return c;
        }

        return a.Length.CompareTo(b.Length);
    }

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        NuGetVersion n => CompareTo(n),
        _ => throw new ArgumentException($"cannot compare a NuGet version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(NuGetVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is NuGetVersion n && Equals(n);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Major);
        h.Add(Minor);
        h.Add(Patch);
        h.Add(Revision);
        foreach (var l in _labels) h.Add(l.Hash());
        return h.ToHashCode();
    }

    public override string ToString() => Original;
}
