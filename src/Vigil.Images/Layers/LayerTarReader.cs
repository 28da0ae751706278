using System.Formats.Tar;
using Vigil.Core;
using Vigil.Core.Seams;

namespace Vigil.Images.Layers;

/// <summary>One entry of a layer tar, with its name as written (not yet normalised).</summary>
/// <param name="Data">The entry's content, readable until the next entry is requested (regular files only).</param>
public sealed record LayerTarEntry(string Name, FileKind Kind, long Size, string? LinkName, UnixFileMode Mode, Stream? Data);

/// <summary>
/// Vigil's tar reader for layers: System.Formats.Tar behind a small surface, so that the tar quirks real layers have
/// (GNU long names and links, PAX headers, odd modes, device entries) are handled in one place, and any failure becomes
/// a <see cref="VigilException"/> naming the layer and the last entry read, instead of a bare parser exception.
/// The stream is read forward only; nothing is buffered beyond one header.
/// </summary>
public sealed class LayerTarReader : IAsyncDisposable
{
    private readonly TarReader _reader;
    private readonly string _what;
    private string? _last;

    /// <param name="what">Names the layer in errors, e.g. "layer 2 (blob sha256:…)".</param>
    public LayerTarReader(Stream stream, string what)
    {
        _reader = new TarReader(new TarHeaderSanitizer(stream), leaveOpen: true);
        _what = what;
    }

    /// <summary>The next entry, or null at the end of the archive.</summary>
    public async ValueTask<LayerTarEntry?> NextAsync(CancellationToken cancellationToken)
    {
        TarEntry? entry;
        try
        {
            entry = await _reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            var truncated = e is EndOfStreamException;
            throw new VigilException(ErrorKind.InvalidInput,
                $"{_what} is {(truncated ? "truncated" : "not a readable tar")} {(_last is null ? "at its first entry" : $"after entry '{_last}'")}: {e.Message}",
                "the layer is damaged; pull or save the image again", e);
        }
        if (entry is null) return null;
        _last = entry.Name;
        var kind = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => FileKind.File,
            TarEntryType.Directory => FileKind.Directory,
            TarEntryType.SymbolicLink => FileKind.Symlink,
            TarEntryType.HardLink => FileKind.HardLink,
            _ => FileKind.Other,
        };
        // A V7 header has no directory type: a name ending in '/' marks one.
        if (kind == FileKind.File && entry.Length == 0 && entry.Name.EndsWith('/')) kind = FileKind.Directory;
        var link = kind is FileKind.Symlink or FileKind.HardLink ? entry.LinkName : null;
        return new LayerTarEntry(entry.Name, kind, kind == FileKind.File ? entry.Length : 0, link, entry.Mode,
            kind == FileKind.File ? entry.DataStream : null);
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
