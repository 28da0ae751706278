using Microsoft.Win32.SafeHandles;

namespace Vigil.Images.Layers;

/// <summary>Where a retained file's bytes are: in memory, or a range of the spool file.</summary>
internal sealed record ContentRef(byte[]? Bytes, long Offset, long Length);

/// <summary>
/// Retained file contents: small files in memory, larger ones appended to one temp file that is deleted when the
/// store is disposed (and by the OS if the process dies, as it is opened delete-on-close).
/// </summary>
internal sealed class ContentStore(int inMemoryBytes) : IDisposable
{
    private FileStream? _spool;
    private SafeFileHandle? _handle;
    private readonly Lock _lock = new();

    public long SpooledBytes { get; private set; }

    /// <summary>Copies <paramref name="source"/> (exactly <paramref name="length"/> bytes expected).</summary>
    public async Task<ContentRef> AddAsync(Stream source, long length, CancellationToken cancellationToken)
    {
        if (length <= inMemoryBytes)
        {
            var bytes = new byte[length];
            await source.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return new ContentRef(bytes, 0, length);
        }
        EnsureSpool();
        var offset = _spool!.Length;
        _spool.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[81920];
        long left = length;
        while (left > 0)
        {
            var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException($"file data ended {left} bytes early");
            await _spool.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            left -= n;
        }
        await _spool.FlushAsync(cancellationToken).ConfigureAwait(false);
        SpooledBytes += length;
        return new ContentRef(null, offset, length);
    }

    public Stream Open(ContentRef content)
    {
        if (content.Bytes is { } bytes) return new MemoryStream(bytes, writable: false);
        ObjectDisposedException.ThrowIf(_handle is null, this);
        return new SpoolReadStream(_handle, content.Offset, content.Length);
    }

    private void EnsureSpool()
    {
        if (_spool is not null) return;
        lock (_lock)
        {
            var path = Path.Combine(Path.GetTempPath(), $"vigil-squash-{Guid.NewGuid():N}.spool");
            _spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            _handle = _spool.SafeFileHandle;
        }
    }

    public void Dispose()
    {
        _spool?.Dispose();
        _spool = null;
        _handle = null;
    }

    /// <summary>Positional reads, so several retained files can be read at once.</summary>
    private sealed class SpoolReadStream(SafeFileHandle handle, long offset, long length) : Stream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            var left = length - _position;
            if (left <= 0) return 0;
            if (buffer.Length > left) buffer = buffer[..(int)left];
            var n = RandomAccess.Read(handle, buffer, offset + _position);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var left = length - _position;
            if (left <= 0) return 0;
            if (buffer.Length > left) buffer = buffer[..(int)left];
            var n = await RandomAccess.ReadAsync(handle, buffer, offset + _position, cancellationToken).ConfigureAwait(false);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin)
        {
            _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };
            return _position;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
