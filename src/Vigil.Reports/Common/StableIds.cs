using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>
/// Identifiers derived from content rather than drawn at random, so writing the same result twice gives the same
/// document (SBOM diffs stay meaningful, golden files stay stable).
/// </summary>
internal static class StableIds
{
    public static string Hex(string text, int length = 64) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    /// <summary>A name-based UUID (RFC 4122 version 5 layout, SHA-256 instead of SHA-1) of <paramref name="text"/>.</summary>
    public static Guid Uuid(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>What identifies a scanned image: its manifest digest, or its name for a root filesystem.</summary>
    public static string TargetKey(ImageInfo target) => target.ManifestDigest?.ToString() ?? "name:" + target.Name;
}
