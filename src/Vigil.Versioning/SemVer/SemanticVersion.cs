namespace Vigil.Versioning.SemVer;

/// <summary>
/// A semantic version <c>major.minor.patch[-pre][+build]</c> ordered by SemVer 2.0 precedence (section 11):
/// build metadata is ignored, numeric pre-release identifiers sort numerically and below alphanumeric ones.
/// Numbers are kept as digit strings so that any length compares correctly.
/// </summary>
public sealed class SemanticVersion : IVersion, IEquatable<SemanticVersion>, IComparable<SemanticVersion>
{
    internal SemanticVersion(string original, string major, string minor, string patch, string[] prerelease, string[] build)
    {
        Original = original;
        Major = major;
        Minor = minor;
        Patch = patch;
        _pre = prerelease;
        _build = build;
    }

    private readonly string[] _pre;
    private readonly string[] _build;

    public string Original { get; }

    public string Major { get; }

    public string Minor { get; }

    public string Patch { get; }

    /// <summary>Pre-release identifiers; numeric ones without leading zeros.</summary>
    public IReadOnlyList<string> Prerelease => _pre;

    public IReadOnlyList<string> Build => _build;

    public bool IsPrerelease => _pre.Length > 0;

    /// <summary>major.minor.patch[-pre], as node-semver prints <c>version</c>.</summary>
    public string Normalized => _pre.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{string.Join('.', _pre)}";

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var c = CompareMain(other);
        return c != 0 ? c : ComparePre(_pre, other._pre);
    }

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        SemanticVersion s => CompareTo(s),
        _ => throw new ArgumentException($"cannot compare a semantic version with {other.GetType().Name}", nameof(other)),
    };

    internal int CompareMain(SemanticVersion other)
    {
        var c = NumericText.Compare(Major, other.Major);
        if (c != 0) return c;
        c = NumericText.Compare(Minor, other.Minor);
        return c != 0 ? c : NumericText.Compare(Patch, other.Patch);
    }

    internal bool SameTuple(SemanticVersion other) => CompareMain(other) == 0;

    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SemanticVersion s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Major);
        h.Add(Minor);
        h.Add(Patch);
        foreach (var p in _pre) h.Add(p);
        return h.ToHashCode();
    }

    public override string ToString() => Original;

    private static int ComparePre(string[] a, string[] b)
    {
        // A version without pre-release identifiers has higher precedence.
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 0 : a.Length == 0 ? 1 : -1;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = CompareIdentifier(a[i], b[i]);
            if (c != 0) return c;
        }

        return a.Length == b.Length ? 0 : a.Length < b.Length ? -1 : 1;
    }

    private static int CompareIdentifier(string a, string b)
    {
        bool na = NumericText.IsDigits(a), nb = NumericText.IsDigits(b);
        if (na && nb) return NumericText.Compare(a, b);
        if (na != nb) return na ? -1 : 1;
        var c = string.CompareOrdinal(a, b);
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
}
