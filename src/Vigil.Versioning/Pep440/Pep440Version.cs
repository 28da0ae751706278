using System.Text;

namespace Vigil.Versioning.Pep440;

/// <summary>A PEP 440 version, ordered as pypa/packaging's <c>Version</c> orders it.</summary>
public sealed class Pep440Version : IVersion, IEquatable<Pep440Version>, IComparable<Pep440Version>
{
    internal Pep440Version(string original, string epoch, string[] release, char preLabel, string? preNumber, string? post, string? dev, string[]? local)
    {
        Original = original;
        Epoch = epoch;
        Release = release;
        PreLabel = preLabel;
        PreNumber = preNumber;
        Post = post;
        Dev = dev;
        Local = local;
        var n = release.Length;
        while (n > 1 && release[n - 1] == "0") n--;
        _significant = n;
    }

    private readonly int _significant;

    public string Original { get; }

    public string Epoch { get; }

    /// <summary>Release numbers as normalized digit strings.</summary>
    public IReadOnlyList<string> Release { get; }

    /// <summary>'a', 'b' or 'r' (rc/c/pre/preview); '\0' without a pre-release.</summary>
    public char PreLabel { get; }

    public string? PreNumber { get; }

    public string? Post { get; }

    public string? Dev { get; }

    /// <summary>Local version parts, lower-cased; null without a local version.</summary>
    public IReadOnlyList<string>? Local { get; }

    public bool IsPrerelease => PreLabel != '\0' || Dev is not null;

    public bool IsPostrelease => Post is not null;

    /// <summary>The normalized public version: no local part, trailing zeros kept.</summary>
    public string Public => Format(includeLocal: false);

    /// <summary>epoch!release only.</summary>
    public string BaseVersion
    {
        get
        {
            var sb = new StringBuilder();
            if (Epoch != "0") sb.Append(Epoch).Append('!');
            sb.AppendJoin('.', Release);
            return sb.ToString();
        }
    }

    public int CompareTo(Pep440Version? other)
    {
        if (other is null) return 1;
        var c = ComparePublic(other);
        return c != 0 ? c : CompareLocal(Local as string[], other.Local as string[]);
    }

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        Pep440Version p => CompareTo(p),
        _ => throw new ArgumentException($"cannot compare a pep440 version with {other.GetType().Name}", nameof(other)),
    };

    /// <summary>Compares ignoring local versions on both sides, as specifiers without a local part do.</summary>
    internal int ComparePublic(Pep440Version other)
    {
        var c = NumericText.Compare(Epoch, other.Epoch);
        if (c != 0) return c;
        c = CompareRelease(other);
        if (c != 0) return c;
        c = ComparePre(other);
        if (c != 0) return c;
        c = CompareOptional(Post, other.Post, missingIsLow: true);
        return c != 0 ? c : CompareOptional(Dev, other.Dev, missingIsLow: false);
    }

    internal int CompareBase(Pep440Version other)
    {
        var c = NumericText.Compare(Epoch, other.Epoch);
        return c != 0 ? c : CompareRelease(other);
    }

    public bool Equals(Pep440Version? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Pep440Version p && Equals(p);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Epoch);
        var release = (string[])Release;
        for (var i = 0; i < _significant; i++) h.Add(release[i]);
        h.Add(PreLabel);
        h.Add(PreNumber);
        h.Add(Post);
        h.Add(Dev);
        if (Local is not null)
        {
            foreach (var part in Local) h.Add(part);
        }

        return h.ToHashCode();
    }

    public override string ToString() => Original;

    /// <summary>The normalized form packaging prints (<c>str(Version(...))</c>).</summary>
    public string Normalized => Format(includeLocal: true);

    private string Format(bool includeLocal)
    {
        var sb = new StringBuilder(BaseVersion);
        if (PreLabel != '\0') sb.Append(PreLabel == 'r' ? "rc" : PreLabel.ToString()).Append(PreNumber);
        if (Post is not null) sb.Append(".post").Append(Post);
        if (Dev is not null) sb.Append(".dev").Append(Dev);
        if (includeLocal && Local is not null) sb.Append('+').AppendJoin('.', Local);
        return sb.ToString();
    }

    private int CompareRelease(Pep440Version other)
    {
        // Trailing zeros do not count: 1.0 == 1.0.0.
        var a = (string[])Release;
        var b = (string[])other.Release;
        var n = Math.Max(_significant, other._significant);
        for (var i = 0; i < n; i++)
        {
            var x = i < _significant ? a[i] : "0";
            var y = i < other._significant ? b[i] : "0";
            var c = NumericText.Compare(x, y);
            if (c != 0) return c;
        }

        return 0;
    }

    // packaging's _cmpkey: a dev release without pre or post sorts before every pre-release of its release.
    private int PreRank() => PreLabel != '\0' ? 1 : Post is null && Dev is not null ? 0 : 2;

    private int ComparePre(Pep440Version other)
    {
        int ra = PreRank(), rb = other.PreRank();
        if (ra != rb) return ra < rb ? -1 : 1;
        if (ra != 1) return 0;
        if (PreLabel != other.PreLabel) return PreLabel < other.PreLabel ? -1 : 1;
        return NumericText.Compare(PreNumber!, other.PreNumber!);
    }

    private static int CompareOptional(string? a, string? b, bool missingIsLow)
    {
        if (a is null || b is null)
        {
            if (a is null && b is null) return 0;
            return (a is null) == missingIsLow ? -1 : 1;
        }

        return NumericText.Compare(a, b);
    }

    // A local version sorts after none; numeric parts after alphanumeric ones; longer wins on a common prefix.
    private static int CompareLocal(string[]? a, string[]? b)
    {
        if (a is null || b is null)
        {
            if (a is null && b is null) return 0;
            return a is null ? -1 : 1;
        }

        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            bool na = NumericText.IsDigits(a[i]), nb = NumericText.IsDigits(b[i]);
            int c;
            if (na && nb) c = NumericText.Compare(a[i], b[i]);
            else if (na != nb) c = na ? 1 : -1;
            else c = Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (c != 0) return c;
        }

        return a.Length == b.Length ? 0 : a.Length < b.Length ? -1 : 1;
    }
}
