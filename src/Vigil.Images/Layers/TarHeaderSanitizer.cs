using System.Text;

namespace Vigil.Images.Layers;

/// <summary>
/// Passes a tar stream through, rewriting the few header fields System.Formats.Tar cannot parse but that real layers
/// carry, none of which Vigil uses: numeric ids past int range (base-256 uid/gid, as rootless builds and id-mapped
/// filesystems write; PAX uid=/gid= records likewise) overflow TarReader, so they become 0 and the header checksum is
/// recomputed. Everything else, content included, passes unchanged. Only one header (or one PAX record block) is
/// buffered at a time.
/// </summary>
internal sealed class TarHeaderSanitizer(Stream inner) : ForwardReadStream
{
    private const int Block = 512;

    /// <summary>PAX extended headers larger than this pass through untouched rather than being buffered.</summary>
    private const int MaxPaxBytes = 1024 * 1024;

    private byte[] _pending = new byte[Block];
    private int _pendingOffset;
    private int _pendingLength;
    private long _dataLeft;
    private bool _paxNext;
    private long _paxLength;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        if (_pendingOffset < _pendingLength)
        {
            var n = Math.Min(buffer.Length, _pendingLength - _pendingOffset);
            _pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            return n;
        }
        if (_dataLeft > 0 || _ended)
        {
            var want = _ended ? buffer.Length : (int)Math.Min(buffer.Length, _dataLeft);
            var n = inner.Read(buffer[..want]);
            if (!_ended) _dataLeft -= n;
            return n;
        }
        if (_paxNext)
        {
            _paxNext = false;
            var padded = (int)((_paxLength + Block - 1) / Block * Block);
            if (_pending.Length < padded) _pending = new byte[padded];
            var got = inner.ReadAtLeast(_pending.AsSpan(0, padded), padded, throwOnEndOfStream: false);
            SanitizePax(_pending.AsSpan(0, (int)Math.Min(_paxLength, got)));
            _pendingOffset = 0;
            _pendingLength = got;
            return got == 0 ? 0 : Read(buffer);
        }
        var read = inner.ReadAtLeast(_pending.AsSpan(0, Block), Block, throwOnEndOfStream: false);
        _pendingOffset = 0;
        _pendingLength = read;
        if (read == 0) return EndWithoutMarker(buffer);
        if (read == Block) OnHeader(_pending.AsSpan(0, Block));
        return read == 0 ? 0 : Read(buffer);
    }

    /// <summary>
    /// Some real layers stop after their last entry without the two zero blocks (claircore keeps one as "oddlayer.tar");
    /// GNU tar accepts that, so supply the marker. A blob cut short is still caught: its size and digest are checked.
    /// </summary>
    private int EndWithoutMarker(Span<byte> buffer)
    {
        _ended = true;
        _pending = new byte[2 * Block];
        _pendingOffset = 0;
        _pendingLength = 2 * Block;
        return Read(buffer);
    }

    private void OnHeader(Span<byte> header)
    {
        if (!header.ContainsAnyExcept((byte)0))
        {
            // End-of-archive blocks: whatever follows is padding; pass it through as it is.
            _ended = true;
            return;
        }
        if (!TryParseSize(header.Slice(124, 12), out var size))
        {
            _ended = true; // not a header we understand: let TarReader report it
            return;
        }
        var changed = ZeroIfBase256(header.Slice(108, 8)) | ZeroIfBase256(header.Slice(116, 8)) |
                      ZeroIfBase256(header.Slice(329, 8)) | ZeroIfBase256(header.Slice(337, 8));
        if (changed) WriteChecksum(header);
        var padded = (size + Block - 1) / Block * Block;
        var type = header[156];
        if ((type == (byte)'x' || type == (byte)'g') && size <= MaxPaxBytes)
        {
            _paxNext = true;
            _paxLength = size;
        }
        else
        {
            _dataLeft = padded;
        }
    }

    private static bool TryParseSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if ((field[0] & 0x80) != 0)
        {
            for (var i = 1; i < field.Length; i++) size = (size << 8) | field[i];
            return size >= 0;
        }
        foreach (var b in field)
        {
            if (b is 0 or (byte)' ')
            {
                if (size > 0) break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7') return false;
            size = size * 8 + (b - '0');
        }
        return true;
    }

    private static bool ZeroIfBase256(Span<byte> field)
    {
        if ((field[0] & 0x80) == 0) return false;
        "0000000\0"u8.CopyTo(field);
        return true;
    }

    private static void WriteChecksum(Span<byte> header)
    {
        header.Slice(148, 8).Fill((byte)' ');
        long sum = 0;
        foreach (var b in header) sum += b;
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header.Slice(148, 8));
    }

    /// <summary>Records are "LEN key=value\n"; an id value too big for int becomes zeros of the same length.</summary>
    private static void SanitizePax(Span<byte> data)
    {
        var pos = 0;
        while (pos < data.Length)
        {
            var space = data[pos..].IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data.Slice(pos, space), out var len) || len <= 0 || pos + len > data.Length) return;
            var record = data.Slice(pos + space + 1, len - space - 1);
            var eq = record.IndexOf((byte)'=');
            if (eq > 0)
            {
                var key = record[..eq];
                if (key.SequenceEqual("uid"u8) || key.SequenceEqual("gid"u8))
                {
                    var value = record[(eq + 1)..].TrimEnd((byte)'\n');
                    if (!int.TryParse(value, out _)) value.Fill((byte)'0');
                }
            }
            pos += len;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // The header work is CPU-only on small buffers; reads of the underlying stream dominate and are synchronous here
    // only when the caller reads synchronously.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pendingOffset < _pendingLength || buffer.Length == 0) return Read(buffer.Span);
        if (_dataLeft > 0 || _ended)
        {
            var want = _ended ? buffer.Length : (int)Math.Min(buffer.Length, _dataLeft);
            var n = await inner.ReadAsync(buffer[..want], cancellationToken).ConfigureAwait(false);
            if (!_ended) _dataLeft -= n;
            return n;
        }
        if (_paxNext)
        {
            _paxNext = false;
            var padded = (int)((_paxLength + Block - 1) / Block * Block);
            if (_pending.Length < padded) _pending = new byte[padded];
            var got = await inner.ReadAtLeastAsync(_pending.AsMemory(0, padded), padded, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            SanitizePax(_pending.AsSpan(0, (int)Math.Min(_paxLength, got)));
            _pendingOffset = 0;
            _pendingLength = got;
            return got == 0 ? 0 : Read(buffer.Span);
        }
        var read = await inner.ReadAtLeastAsync(_pending.AsMemory(0, Block), Block, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        _pendingOffset = 0;
        _pendingLength = read;
        if (read == 0) return EndWithoutMarker(buffer.Span);
        if (read == Block) OnHeader(_pending.AsSpan(0, Block));
        return read == 0 ? 0 : Read(buffer.Span);
    }
}
