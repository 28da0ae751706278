using System.Formats.Tar;
using Vigil.Core;
using Vigil.Images.Layers;

namespace Vigil.Images.Sources;

/// <summary>
/// Random access to a tarball (docker save, OCI archive) without extracting it: one pass over the header chain
/// records where each entry's data lies, then each open seeks there. Symlinked entries (classic docker save links
/// duplicate layer.tar files) are followed inside the tarball only.
/// </summary>
internal sealed class TarArchiveIndex : IArchiveFiles
{
    private readonly Dictionary<string, Entry> _entries;

    private TarArchiveIndex(string location, Dictionary<string, Entry> entries)
    {
        Location = location;
        _entries = entries;
    }

    private sealed record Entry(long Offset, long Length, string? LinkTarget);

    public string Location { get; }

    public IReadOnlyCollection<string> Names => _entries.Keys;

    /// <summary>True when the file starts with a ustar or v7 tar header block (checksum valid).</summary>
    public static bool LooksLikeTar(string path)
    {
        try
        {
            using var fs = File.OpenRead(path);
            var block = new byte[512];
            if (fs.ReadAtLeast(block, 512, throwOnEndOfStream: false) < 512) return false;
            return HeaderChecksumValid(block);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static bool HeaderChecksumValid(ReadOnlySpan<byte> block)
    {
        var field = System.Text.Encoding.ASCII.GetString(block.Slice(148, 8)).Trim(' ', '\0');
        if (field.Length == 0) return false;
        long stored;
        try
        {
            stored = Convert.ToInt64(field, 8);
        }
        catch (FormatException)
        {
            return false;
        }
        long sum = 0;
        for (var i = 0; i < 512; i++) sum += i is >= 148 and < 156 ? (byte)' ' : block[i];
        return sum == stored;
    }

    public static TarArchiveIndex Build(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new VigilException(ErrorKind.NotFound, $"no such file: {path}", "check the path of the image tarball");
        }
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        var fileLength = fs.Length;
        using var reader = new TarReader(fs, leaveOpen: true);
        string? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TarEntry? entry;
            try
            {
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or IOException)
            {
                throw Truncated(path, last, e);
            }
            if (entry is null) break;
            if (!SafePath.TryNormalize(entry.Name, out var name))
            {
                throw new VigilException(ErrorKind.InvalidInput,
                    $"tarball {path} has an entry '{entry.Name}' that climbs out of the archive",
                    "the archive is hostile or damaged; do not use it");
            }
            last = entry.Name;
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
            {
                if (entry.DataOffset < 0 || entry.DataOffset + entry.Length > fileLength)
                {
                    throw Truncated(path, entry.Name, null);
                }
                entries[name] = new Entry(entry.DataOffset, entry.Length, null);
            }
            else if (entry.EntryType is TarEntryType.SymbolicLink)
            {
                entries[name] = new Entry(0, 0, SafePath.Clamp(SafePath.Combine(SafePath.Parent(name), entry.LinkName)));
            }
            else if (entry.EntryType is TarEntryType.HardLink)
            {
                entries[name] = new Entry(0, 0, SafePath.Clamp(entry.LinkName));
            }
        }
        return new TarArchiveIndex(path, entries);
    }

    private static VigilException Truncated(string path, string? last, Exception? inner) =>
        new(ErrorKind.InvalidInput,
            $"tarball {path} is truncated or damaged{(last is null ? " at its start" : $" after entry '{last}'")}{(inner is null ? "" : $": {inner.Message}")}",
            "the file is incomplete; run docker save / skopeo copy again", inner);

    public bool Exists(string path) => Find(path) is not null;

    public long Length(string path) => Require(path).Length;

    public Stream Open(string path)
    {
        var e = Require(path);
        // An entry is read front to back (a layer.tar is hundreds of MiB of 512-byte tar headers and file data), so
        // ask for read-ahead and buffer: unbuffered random-access reads made a cold docker-save scan 2.5x slower.
        var fs = new FileStream(Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            return new SubStream(fs, e.Offset, e.Length);
        }
        catch
        {
            fs.Dispose();
            throw;
        }
    }

    private Entry? Find(string path)
    {
        if (!SafePath.TryNormalize(path, out var name)) return null;
        for (var hops = 0; hops < 16; hops++)
        {
            if (!_entries.TryGetValue(name, out var e)) return null;
            if (e.LinkTarget is null) return e;
            name = e.LinkTarget;
        }
        return null;
    }

    private Entry Require(string path) =>
        Find(path) ?? throw new VigilException(ErrorKind.NotFound, $"'{path}' is missing from the tarball {Location}",
            "the archive is incomplete or not an image; save or export the image again");
}
