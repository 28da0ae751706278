using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Vigil.Core.Model;

/// <summary>A content digest such as <c>sha256:0123…</c>. Only algorithms Vigil can verify are accepted.</summary>
public readonly record struct Digest(string Algorithm, string Hex)
{
    public override string ToString() => $"{Algorithm}:{Hex}";

    /// <summary>The hex with at most <paramref name="length"/> characters, for display.</summary>
    public string Short(int length = 12) => Hex.Length <= length ? Hex : Hex[..length];

    public static Digest Parse(string text) =>
        TryParse(text, out var d, out var reason) ? d : throw new FormatException($"'{text}' is not a digest: {reason}");

    public static bool TryParse(string? text, out Digest digest) => TryParse(text, out digest, out _);

    public static bool TryParse(string? text, out Digest digest, [NotNullWhen(false)] out string? reason)
    {
        digest = default;
        if (string.IsNullOrEmpty(text)) { reason = "empty"; return false; }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) { reason = "expected ALGORITHM:HEX"; return false; }
        var alg = text[..colon];
        var hex = text[(colon + 1)..];
        var expected = alg switch { "sha256" => 64, "sha512" => 128, _ => -1 };
        if (expected < 0) { reason = $"unsupported algorithm '{alg}' (sha256 and sha512 are supported)"; return false; }
        if (hex.Length != expected) { reason = $"{alg} needs {expected} hex characters, found {hex.Length}"; return false; }
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) { reason = "the hex must be lower-case 0-9a-f"; return false; }
        }
        digest = new Digest(alg, hex);
        reason = null;
        return true;
    }

    public static Digest Sha256(ReadOnlySpan<byte> data) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(data)));

    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new("sha256", Convert.ToHexStringLower(hash));

    public HashAlgorithmName HashAlgorithm => Algorithm switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha512" => HashAlgorithmName.SHA512,
        _ => throw new InvalidOperationException($"unsupported digest algorithm {Algorithm}"),
    };
}
