namespace Vigil.TestKit;

/// <summary>
/// A read-only stream of a given length made from a repeating block (nothing else is held): zeros for decompression
/// bombs, or <see cref="Noise"/> for big files that must not compress away.
/// </summary>
public sealed class GeneratedStream(long length, byte[]? block = null) : Stream
{
    private readonly byte[]? _block = block;
    private long _position;

    public static GeneratedStream Zeros(long length) => new(length);

    /// <summary>Incompressible content: a fixed 4 KiB block of seeded random bytes, repeated.</summary>
    public static GeneratedStream Noise(long length)
    {
        var block = new byte[4096];
        new Random(42).NextBytes(block);
        return new GeneratedStream(length, block);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Max(0, Math.Min(count, length - _position));
        if (_block is null) Array.Clear(buffer, offset, n);
        else for (var i = 0; i < n; i++) buffer[offset + i] = _block[(_position + i) % _block.Length];
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    // TarWriter needs a seekable source to learn the length up front.
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => _position = value; }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
