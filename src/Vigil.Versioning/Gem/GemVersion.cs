namespace Vigil.Versioning.Gem;

/// <summary>A RubyGems version, ordered as <c>Gem::Version#&lt;=&gt;</c> (RubyGems 3.3).</summary>
public sealed class GemVersion : IVersion, IEquatable<GemVersion>, IComparable<GemVersion>
{
    // Segments after dropping trailing zeros from the numeric prefix and from the rest (canonical_segments).
    private readonly Segment[] _canonical;

    internal GemVersion(string original, string normalized, Segment[] segments)
    {
        Original = original;
        Normalized = normalized;
        Segments = segments;
        _canonical = Canonical(segments);
    }

    internal readonly record struct Segment(bool IsNumber, string Value);

    public string Original { get; }

    /// <summary>The text RubyGems works on: stripped, with '-' read as ".pre.".</summary>
    public string Normalized { get; }

    internal Segment[] Segments { get; }

    /// <summary>Any letter makes a RubyGems version a pre-release.</summary>
    public bool IsPrerelease => Segments.Any(s => !s.IsNumber);

    public int CompareTo(GemVersion? other)
    {
        if (other is null) return 1;
        if (string.Equals(Normalized, other.Normalized, StringComparison.Ordinal)) return 0;
        var a = _canonical;
        var b = other._canonical;
        var n = Math.Max(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = i < a.Length ? a[i] : new Segment(true, "0");
            var y = i < b.Length ? b[i] : new Segment(true, "0");
            if (x.IsNumber && y.IsNumber)
            {
                var c = NumericText.Compare(x.Value, y.Value);
                if (c != 0) return c;
            }
            else if (x.IsNumber != y.IsNumber)
            {
                return x.IsNumber ? 1 : -1;
            }
            else
            {
                var c = string.CompareOrdinal(x.Value, y.Value);
                if (c != 0) return c < 0 ? -1 : 1;
            }
        }

        return 0;
    }

    public int CompareTo(IVersion? other) => other switch
    {
        null => 1,
        GemVersion g => CompareTo(g),
        _ => throw new ArgumentException($"cannot compare a gem version with {other.GetType().Name}", nameof(other)),
    };

    public bool Equals(GemVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is GemVersion g && Equals(g);

    public override int GetHashCode()
    {
        // Trailing zero segments compare equal to absent ones, so leave them out.
        var n = _canonical.Length;
        while (n > 0 && _canonical[n - 1] is { IsNumber: true, Value: "0" }) n--;
        var h = new HashCode();
        for (var i = 0; i < n; i++) h.Add(_canonical[i]);
        return h.ToHashCode();
    }

    public override string ToString() => Original;

    /// <summary>Gem::Version#release: the version without its pre-release letters and what follows them.</summary>
    internal GemVersion Release()
    {
        if (!IsPrerelease) return this;
        var numbers = Segments.ToList();
        while (numbers.Any(s => !s.IsNumber)) numbers.RemoveAt(numbers.Count - 1);
        var text = string.Join('.', numbers.Select(s => s.Value));
        return new GemVersion(text, text, [.. numbers]);
    }

    /// <summary>Gem::Version#bump: drop pre-release parts and the last number, then increment the new last number.</summary>
    internal GemVersion Bump()
    {
        var segments = Segments.ToList();
        while (segments.Any(s => !s.IsNumber)) segments.RemoveAt(segments.Count - 1);
        if (segments.Count > 1) segments.RemoveAt(segments.Count - 1);
        var lastValue = System.Numerics.BigInteger.Parse(segments[^1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        segments[^1] = new Segment(true, lastValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = string.Join('.', segments.Select(s => s.Value));
        return new GemVersion(text, text, [.. segments]);
    }

    private static Segment[] Canonical(Segment[] segments)
    {
        var firstString = Array.FindIndex(segments, s => !s.IsNumber);
        if (firstString < 0) firstString = segments.Length;
        var numeric = TrimZeros(segments.AsSpan(0, firstString));
        var rest = TrimZeros(segments.AsSpan(firstString));
        return [.. numeric, .. rest];
    }

    private static ReadOnlySpan<Segment> TrimZeros(ReadOnlySpan<Segment> s)
    {
        var n = s.Length;
        while (n > 0 && s[n - 1] is { IsNumber: true, Value: "0" }) n--;
        return s[..n];
    }
}
