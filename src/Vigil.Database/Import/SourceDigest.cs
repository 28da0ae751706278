using System.Security.Cryptography;
using System.Text;

namespace Vigil.Database.Import;

/// <summary>sha256 of what an import read: a file's bytes, or for a directory the sorted list of (relative path, file sha256).</summary>
internal static class SourceDigest
{
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    public static async Task<string> OfDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(f => (Relative: Path.GetRelativePath(directory, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, full) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0" + await OfFileAsync(full, cancellationToken) + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
