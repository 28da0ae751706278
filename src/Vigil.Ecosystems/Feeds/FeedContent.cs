using System.IO.Compression;
using System.Text;
using Vigil.Core;

namespace Vigil.Ecosystems.Feeds;

/// <summary>Content sniffing and file walking shared by the feed parsers; recognition is by bytes, never by name.</summary>
public static class FeedContent
{
    /// <summary>How many bytes of a file the recognisers look at.</summary>
    public const int HeadSize = 64 * 1024;

    public static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8)) head = head[3..];
        var i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return head[i..];
    }

    public static bool LooksLikeJsonObject(ReadOnlySpan<byte> head) => SkipBomAndSpace(head) is [(byte)'{', ..];

    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.StartsWith("PK\x03\x04"u8);

    public static bool LooksLikeGzip(ReadOnlySpan<byte> head) => head is [0x1f, 0x8b, ..];

    /// <summary>The head as text; binary content (a NUL byte) gives null so text recognisers say no.</summary>
    public static string? HeadText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0)) return null;
        return Encoding.UTF8.GetString(SkipBomAndSpace(head));
    }

    public static byte[] ReadHead(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[(int)Math.Min(HeadSize, stream.Length)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>Every file under <paramref name="directory"/>, in ordinal order so imports are reproducible.</summary>
    public static IEnumerable<string> FilesUnder(string directory, params string[] extensions)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.None };
        var files = Directory.EnumerateFiles(directory, "*", options)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => extensions.Length == 0 || extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static VigilException Malformed(string source, string what, Exception? inner = null) =>
        new(ErrorKind.InvalidInput, $"{source}: {what}", "Check that the file is complete and of the format named; re-download it if it was cut short.", inner);

    /// <summary>Opens an archive entry list, turning a corrupt zip into a clear error.</summary>
    public static ZipArchive OpenZip(string path, string source)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw Malformed(source, "is not a readable zip archive (" + e.Message + ")", e);
        }
    }
}
