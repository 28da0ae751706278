using System.Formats.Tar;
using System.IO.Compression;

namespace Vigil.TestKit.Images;

/// <summary>
/// Builds one image layer: a real tar written with System.Formats.Tar, optionally gzip or zstd compressed.
/// Entries are written in the order they are added, with fixed times, so the same calls give the same bytes.
/// <code>
/// var layer = new LayerBuilder()
///     .FileFromFixture("var/lib/dpkg/status", "images/files/dpkg-status")   // tests/fixtures/images/files/dpkg-status
///     .File("etc/hostname", "box\n")
///     .Symlink("etc/os-release", "../usr/lib/os-release")
///     .Whiteout("etc/motd")                  // writes etc/.wh.motd
///     .OpaqueDirectory("opt/app");           // writes opt/app/.wh..wh..opq
/// </code>
/// Names are written exactly as given (no normalisation), so hostile entries ("../evil") can be built too.
/// </summary>
public sealed class LayerBuilder
{
    private readonly List<Entry> _entries = [];

    private sealed record Entry(string Name, TarEntryType Type, string? LinkName, UnixFileMode Mode, Func<Stream>? Open);

    /// <summary>The tar format to write; PAX by default, GNU to get GNU long-name headers.</summary>
    public TarEntryFormat Format { get; set; } = TarEntryFormat.Pax;

    /// <summary>The history line the image config gives this layer (ImageBuilder uses it).</summary>
    public string? CreatedBy { get; set; }

    public IReadOnlyList<string> Names => _entries.Select(e => e.Name).ToList();

    /// <summary>The entries as added, for writers that lay a layer out as a directory.</summary>
    internal IEnumerable<(string Name, TarEntryType Type, string? LinkName, Func<Stream>? Open)> Entries =>
        _entries.Select(e => (e.Name, e.Type, e.LinkName, e.Open));

    public LayerBuilder File(string path, string content, UnixFileMode mode = DefaultFileMode) =>
        File(path, System.Text.Encoding.UTF8.GetBytes(content), mode);

    public LayerBuilder File(string path, byte[] content, UnixFileMode mode = DefaultFileMode) =>
        Add(new Entry(path, TarEntryType.RegularFile, null, mode, () => new MemoryStream(content, writable: false)));

    /// <summary>
    /// A file whose content is produced when the tar is written (for large generated files: nothing is held).
    /// The stream must be seekable (or at least report CanSeek and Length), as TarWriter needs the size first; it is opened once per write.
    /// </summary>
    public LayerBuilder File(string path, Func<Stream> open, UnixFileMode mode = DefaultFileMode) =>
        Add(new Entry(path, TarEntryType.RegularFile, null, mode, open));

    /// <summary>A file with the content of a fixture under tests/fixtures/ (or an absolute path).</summary>
    public LayerBuilder FileFromFixture(string path, string fixture, UnixFileMode mode = DefaultFileMode)
    {
        var full = System.IO.Path.IsPathRooted(fixture) ? fixture : RepoPaths.Fixture(fixture.Split('/'));
        if (!System.IO.File.Exists(full)) throw new FileNotFoundException($"fixture {fixture} does not exist", full);
        return Add(new Entry(path, TarEntryType.RegularFile, null, mode, () => System.IO.File.OpenRead(full)));
    }

    public LayerBuilder Directory(string path, UnixFileMode mode = DefaultDirectoryMode) =>
        Add(new Entry(path.EndsWith('/') ? path : path + "/", TarEntryType.Directory, null, mode, null));

    public LayerBuilder Symlink(string path, string target) =>
        Add(new Entry(path, TarEntryType.SymbolicLink, target, (UnixFileMode)0b111_111_111, null));

    public LayerBuilder HardLink(string path, string target) =>
        Add(new Entry(path, TarEntryType.HardLink, target, DefaultFileMode, null));

    /// <summary>Deletes <paramref name="path"/> from lower layers: writes DIR/.wh.NAME.</summary>
    public LayerBuilder Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = slash < 0 ? $".wh.{path}" : $"{path[..slash]}/.wh.{path[(slash + 1)..]}";
        return Add(new Entry(name, TarEntryType.RegularFile, null, DefaultFileMode, () => Stream.Null));
    }

    /// <summary>Hides everything lower layers put in <paramref name="directory"/>: writes DIR/.wh..wh..opq.</summary>
    public LayerBuilder OpaqueDirectory(string directory) =>
        Add(new Entry($"{directory.TrimEnd('/')}/.wh..wh..opq", TarEntryType.RegularFile, null, DefaultFileMode, () => Stream.Null));

    /// <summary>Any entry type (character devices, FIFOs …) with no content.</summary>
    public LayerBuilder Special(string path, TarEntryType type, UnixFileMode mode = DefaultFileMode) =>
        Add(new Entry(path, type, null, mode, null));

    private LayerBuilder Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public const UnixFileMode DefaultFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode DefaultDirectoryMode = DefaultFileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Writes the uncompressed tar.</summary>
    public void WriteTar(Stream output)
    {
        using var writer = new TarWriter(output, Format, leaveOpen: true);
        foreach (var e in _entries)
        {
            TarEntry entry = Format switch
            {
                TarEntryFormat.Gnu => new GnuTarEntry(e.Type, e.Name),
                TarEntryFormat.Ustar => new UstarTarEntry(e.Type, e.Name),
                TarEntryFormat.V7 => new V7TarEntry(e.Type == TarEntryType.RegularFile ? TarEntryType.V7RegularFile : e.Type, e.Name),
                _ => new PaxTarEntry(e.Type, e.Name),
            };
            entry.Mode = e.Mode;
            entry.ModificationTime = DateTimeOffset.UnixEpoch;
            if (entry is PosixTarEntry posix)
            {
                posix.UserName = "root";
                posix.GroupName = "root";
            }
            if (e.LinkName is not null) entry.LinkName = e.LinkName;
            if (e.Open is not null)
            {
                using var data = e.Open();
                entry.DataStream = data;
                writer.WriteEntry(entry);
            }
            else
            {
                writer.WriteEntry(entry);
            }
        }
    }

    /// <summary>Writes the layer blob: the tar, compressed as asked.</summary>
    public void Write(Stream output, LayerCompression compression)
    {
        switch (compression)
        {
            case LayerCompression.Gzip:
                using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) WriteTar(gz);
                break;
            case LayerCompression.Zstd:
                using (var z = new ZstdSharp.CompressionStream(output, 3, leaveOpen: true)) WriteTar(z);
                break;
            default:
                WriteTar(output);
                break;
        }
    }

    /// <summary>The layer blob as bytes (for small test layers).</summary>
    public byte[] ToBytes(LayerCompression compression = LayerCompression.None)
    {
        using var ms = new MemoryStream();
        Write(ms, compression);
        return ms.ToArray();
    }
}
