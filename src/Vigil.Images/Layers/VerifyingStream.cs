using System.Security.Cryptography;
using Vigil.Core;
using Vigil.Core.Model;

namespace Vigil.Images.Layers;

/// <summary>
/// Passes bytes through while hashing and counting them; on reaching the end it checks the size and the digest.
/// The check happens only at the end, so a reader must read to the end to get the guarantee.
/// </summary>
public sealed class VerifyingStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly Digest _expected;
    private readonly long? _expectedSize;
    private readonly string _what;
    private readonly IncrementalHash _hash;
    private bool _verified;

    /// <param name="what">Names the content in errors, e.g. "blob sha256:… of layer 2".</param>
    public VerifyingStream(Stream inner, Digest expected, long? expectedSize, string what)
    {
        _inner = inner;
        _expected = expected;
        _expectedSize = expectedSize;
        _what = what;
        _hash = IncrementalHash.CreateHash(expected.HashAlgorithm);
    }

    public long BytesRead { get; private set; }

    public bool ReachedEnd => _verified;

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        return Account(buffer[..n], buffer.Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..n], buffer.Length);
    }

    private int Account(ReadOnlySpan<byte> data, int requested)
    {
        if (data.Length > 0)
        {
            _hash.AppendData(data);
            BytesRead += data.Length;
            if (_expectedSize is { } max && BytesRead > max)
            {
                throw new VigilException(ErrorKind.Integrity,
                    $"{_what} is larger than the {max} bytes its descriptor declares",
                    "the image is corrupt or was tampered with; pull or save it again");
            }
        }
        else if (requested > 0 && !_verified)
        {
            Verify();
        }
        return data.Length;
    }

    private void Verify()
    {
        _verified = true;
        if (_expectedSize is { } size && BytesRead < size)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{_what} is truncated: {BytesRead} of {size} bytes",
                "the download or archive is incomplete; fetch or save the image again");
        }
        var actual = new Digest(_expected.Algorithm, Convert.ToHexStringLower(_hash.GetHashAndReset()));
        if (actual != _expected)
        {
            throw new VigilException(ErrorKind.Integrity,
                $"{_what} does not match its digest: expected {_expected}, content hashes to {actual}",
                "the image is corrupt or was tampered with; pull or save it again");
        }
    }

    /// <summary>Reads whatever is left, so that the end-of-content check runs.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
}
