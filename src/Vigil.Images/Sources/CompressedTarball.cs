using System.Buffers;
using Vigil.Core;
using Vigil.Core.Seams;
using ZstdSharp;

namespace Vigil.Images.Sources;

/// <summary>
/// A gzip- or zstd-compressed image tarball. Tarballs are read by random access, so the file is decompressed once
/// into a private temporary folder, under the same bomb limits as a layer, and read from there.
/// </summary>
internal static class CompressedTarball
{
    private const int BufferSize = 1 << 20;

    /// <summary>"gzip" or "zstd" when <paramref name="path"/> is an existing file that starts with that magic, else null.</summary>
    public static string? CompressionOf(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var fs = File.OpenRead(path);
            Span<byte> head = stackalloc byte[Layers.CompressionMagic.Length];
            var n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            // xz and bzip2 tarballs are not read: they would be refused later as an unknown file anyway.
            var compression = Layers.CompressionMagic.Of(head[..n]);
            return compression is Layers.CompressionMagic.Gzip or Layers.CompressionMagic.Zstd ? compression : null;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>
    /// Whether this may be a compressed tarball: its content starts with a valid tar header, or it cannot be decoded
    /// at all (then it is a damaged one, and decompressing it says so instead of calling it "not an image").
    /// </summary>
    public static bool MayBeTarball(string path, string compression)
    {
        try
        {
            using var input = File.OpenRead(path);
            using Stream decoded = Layers.CompressionMagic.Decoder(compression, input);
            var block = new byte[512];
            return decoded.ReadAtLeast(block, 512, throwOnEndOfStream: false) == 512 && TarArchiveIndex.HeaderChecksumValid(block);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or EndOfStreamException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Decompresses <paramref name="path"/> into a new temporary folder; the spool deletes it when disposed.</summary>
    public static async Task<Spool> SpoolAsync(string path, string compression, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-spool-");
        // The spooled tarball keeps the original's name without the compression suffix, as reports name the file.
        var spool = new Spool(path, dir.FullName, Path.Combine(dir.FullName, TarName(path)));
        try
        {
            await DecompressAsync(path, compression, spool.TarPath, options, cancellationToken).ConfigureAwait(false);
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private static async Task DecompressAsync(string path, string compression, string target, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using Stream decoded = Layers.CompressionMagic.Decoder(compression, input);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long written = 0;
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = await decoded.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidDataException or ZstdException or EndOfStreamException)
                {
                    throw new VigilException(ErrorKind.InvalidInput, $"{path} is not valid {compression} data after {written} decompressed bytes: {e.Message}",
                        "the file is damaged or incomplete; save or download the image again", e);
                }
                if (n == 0) break;
                written += n;
                Layers.DecompressionLimits.Check(path, written, input.Position, options);
                try
                {
                    await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new VigilException(ErrorKind.InvalidInput, $"could not decompress {path} into {Path.GetDirectoryName(target)}: {e.Message}",
                        "make room there, point TMPDIR at a disk with room, or decompress the tarball yourself", e);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (compression == Layers.CompressionMagic.Gzip) CheckGzipTrailer(path, written);
    }

    // GZipStream ends quietly when a file stops short of its trailer, so a cut download would read as a whole one. The
    // trailer's last field is the uncompressed size mod 2^32: it must match what came out (of the last member, if the
    // file has several; such files are refused with the same hint, as they cannot be told from a truncated one here).
    private static void CheckGzipTrailer(string path, long written)
    {
        using var fs = File.OpenRead(path);
        Span<byte> isize = stackalloc byte[4];
        if (fs.Length >= 18)
        {
            fs.Seek(-4, SeekOrigin.End);
            fs.ReadExactly(isize);
            if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(isize) == unchecked((uint)written)) return;
        }
        throw new VigilException(ErrorKind.InvalidInput,
            $"{path} is truncated: its gzip trailer does not match the {written} bytes it decompresses to",
            "the file is incomplete; save or download the image again (or gunzip it yourself and scan the .tar)");
    }

    private static string TarName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var (suffix, replacement) in new[] { (".tgz", ".tar"), (".gz", ""), (".zst", ""), (".zstd", "") })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length) return name[..^suffix.Length] + replacement;
        }
        return name + ".tar";
    }

    /// <summary>The decompressed tarball of <see cref="Original"/>; disposing deletes it.</summary>
    public sealed class Spool(string original, string directory, string tarPath) : IDisposable
    {
        public string Original { get; } = original;

        public string TarPath { get; } = tarPath;

        /// <summary>An error about the spooled file, told about the file the user named.</summary>
        public VigilException Retell(VigilException e) =>
            e.Message.Contains(TarPath, StringComparison.Ordinal)
                ? new VigilException(e.Kind, e.Message.Replace(TarPath, Original, StringComparison.Ordinal), e.Hint, e)
                : e;

        public void Dispose()
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is in the temp directory, which the system cleans.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
