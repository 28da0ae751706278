using System.Net;
using System.Security.Cryptography;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Cache;
using Vigil.Images.Layers;

namespace Vigil.Images.Registry;

/// <summary>
/// A blob as it arrives: hashed while read, resumed with a Range request when the connection breaks,
/// refused at the end when its size or digest is wrong. With a cache writer it tees into the cache,
/// which publishes the blob only once the digest matched.
/// </summary>
internal sealed class RegistryBlobStream : ForwardReadStream
{
    private readonly Digest _digest;
    private readonly long? _expectedSize;
    private readonly Func<long, CancellationToken, Task<HttpResponseMessage>> _open;
    private readonly RetryPolicy _policy;
    private readonly BlobCacheWriter? _tee;
    private readonly string _what;
    private readonly IncrementalHash _hash;
    private HttpResponseMessage _response;
    private Stream _body;
    private long _position;
    private int _breaks;
    private bool _finished;

    private RegistryBlobStream(Digest digest, long? expectedSize, Func<long, CancellationToken, Task<HttpResponseMessage>> open,
        RetryPolicy policy, BlobCacheWriter? tee, string what, HttpResponseMessage response, Stream body)
    {
        _digest = digest;
        _expectedSize = expectedSize;
        _open = open;
        _policy = policy;
        _tee = tee;
        _what = what;
        _response = response;
        _body = body;
        _hash = IncrementalHash.CreateHash(digest.HashAlgorithm);
    }

    /// <summary>How many times the connection broke and the download resumed; for tests and progress.</summary>
    public int Resumes => _breaks;

    /// <param name="open">Sends GET for the blob from a byte offset (Range when not 0); returns a 200 or 206 answer or throws.</param>
    public static async Task<RegistryBlobStream> OpenAsync(Digest digest, long? expectedSize, Func<long, CancellationToken, Task<HttpResponseMessage>> open,
        RetryPolicy policy, BlobCacheWriter? tee, string what, CancellationToken cancellationToken)
    {
        var response = await open(0, cancellationToken);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new RegistryBlobStream(digest, expectedSize, open, policy, tee, what, response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public override long Length => _expectedSize ?? throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished || buffer.Length == 0) return 0;
        while (true)
        {
            int n;
            try
            {
                n = await _body.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception e) when (RegistryHttp.IsTransient(e, cancellationToken))
            {
                await ResumeAsync(e, cancellationToken);
                continue;
            }

            if (n == 0)
            {
                Finish();
                return 0;
            }
            _position += n;
            if (_expectedSize is { } size && _position > size)
            {
                _tee?.Abandon();
                throw new VigilException(ErrorKind.Integrity, $"{_what} is longer than the {size} bytes its descriptor states; refused, nothing cached",
                    "the registry serves content that does not match the manifest; report it to its operator");
            }
            _hash.AppendData(buffer.Span[..n]);
            if (_tee is not null) await _tee.WriteAsync(buffer[..n], cancellationToken);
            return n;
        }
    }

    private async Task ResumeAsync(Exception cause, CancellationToken cancellationToken)
    {
        _breaks++;
        if (_breaks >= _policy.MaxAttempts)
            throw new VigilException(ErrorKind.Network, $"the connection broke {_breaks} times while reading {_what} (at byte {_position}): {RegistryHttp.Describe(cause)}",
                "check the network and the registry; try again", cause);
        await _policy.Delay(_policy.Backoff(_breaks), cancellationToken);
        _response.Dispose();
        _response = await _open(_position, cancellationToken);
        _body = await _response.Content.ReadAsStreamAsync(cancellationToken);
        if (_position == 0) return;
        if (_response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = _response.Content.Headers.ContentRange;
            if (range?.From != _position)
                throw new VigilException(ErrorKind.Network, $"resuming {_what} at byte {_position}, the registry answered range {range}",
                    "the registry's range support is broken; try again");
            return;
        }
        // No range support: read the whole blob again and drop what was already hashed.
        var skip = _position;
        var scratch = new byte[81920];
        while (skip > 0)
        {
            var n = await _body.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, skip)), cancellationToken);
            if (n == 0) throw new IOException($"{_what} ended while skipping to byte {_position}");
            skip -= n;
        }
    }

    private void Finish()
    {
        _finished = true;
        if (_expectedSize is { } size && _position != size)
        {
            _tee?.Abandon();
            throw new VigilException(ErrorKind.Integrity, $"{_what} has {_position} bytes but its descriptor states {size}; refused, nothing cached",
                "the registry serves content that does not match the manifest; report it to its operator");
        }
        var actual = new Digest(_digest.Algorithm, Convert.ToHexStringLower(_hash.GetHashAndReset()));
        if (actual != _digest)
        {
            _tee?.Abandon();
            throw new VigilException(ErrorKind.Integrity, $"{_what} does not match its digest: the bytes hash to {actual}; refused, nothing cached",
                "the registry or something between it and you altered the content; do not trust this image source");
        }
        _tee?.Commit();
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tee?.Dispose();
            _response.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
