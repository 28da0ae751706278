using System.Diagnostics.CodeAnalysis;

namespace Vigil.Core.Model;

/// <summary>An OCI platform, written <c>os/arch[/variant]</c> as docker's --platform flag takes it.</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static Platform Default { get; } = new("linux", "amd64");

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    public static Platform Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a platform: expected os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8");

    public static bool TryParse(string? text, [NotNullWhen(true)] out Platform? platform)
    {
        platform = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().ToLowerInvariant().Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrEmpty)) return false;
        platform = new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        return true;
    }

    /// <summary>
    /// True when this (requested) platform accepts <paramref name="candidate"/>. A request without a variant
    /// accepts any variant; arm64 without a variant also accepts v8, as docker does.
    /// </summary>
    public bool Accepts(Platform candidate)
    {
        if (!string.Equals(Os, candidate.Os, StringComparison.OrdinalIgnoreCase)) return false;
        if (!string.Equals(Architecture, candidate.Architecture, StringComparison.OrdinalIgnoreCase)) return false;
        return Variant is null || string.Equals(Variant, candidate.Variant, StringComparison.OrdinalIgnoreCase);
    }
}
