using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Images.Oci;
using Vigil.Server.Distribution;
using Vigil.Server.Storage;

namespace Vigil.Server.Scanning;

/// <summary>
/// The background scan queue: N workers take scan ids from a channel. The queue itself lives in SQLite, so scans
/// that were queued or running when the process died are picked up again on start.
/// Each manifest is indexed once (per platform); later scans and database changes only re-match the stored index.
/// </summary>
public sealed class ScanQueue(ScanStore scans, RegistryStore store, IScanEngine engine, ServeOptions options, ILogger<ScanQueue> log) : IHostedService
{
    private readonly Channel<long> channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim rematchLock = new(1, 1);
    private readonly List<Task> workers = [];
    private CancellationTokenSource? stopping;

    public DateTimeOffset? LastRematchAt { get; private set; }

    public string? LastDatabaseError { get; private set; }

    /// <summary>Called after a tag is pushed: queues a scan unless the repository turned scan on push off.</summary>
    public async Task OnPushAsync(string repository, string tag, Digest digest, CancellationToken cancellationToken)
    {
        var settings = await store.GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
        if (settings is { ScanOnPush: false }) return;
        await EnqueueAsync(repository, tag, digest, Platform.Default, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> EnqueueAsync(string repository, string? tag, Digest digest, Platform platform, CancellationToken cancellationToken)
    {
        var id = await scans.AddAsync(repository, tag, digest, platform, cancellationToken).ConfigureAwait(false);
        await channel.Writer.WriteAsync(id, cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = new CancellationTokenSource();
        foreach (var id in await scans.UnfinishedAsync(cancellationToken).ConfigureAwait(false)) channel.Writer.TryWrite(id);
        for (var i = 0; i < Math.Max(1, options.ScanWorkers); i++) workers.Add(Task.Run(() => WorkAsync(stopping.Token), CancellationToken.None));
        _ = Task.Run(() => RematchAsync(stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        channel.Writer.TryComplete();
        if (stopping is not null) await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var id in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await RunAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(long id, CancellationToken cancellationToken)
    {
        var scan = await scans.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (scan is null || scan.Status is ScanStatus.Completed or ScanStatus.Failed) return;
        await scans.MarkScanningAsync(id, cancellationToken).ConfigureAwait(false);
        try
        {
            var platform = Platform.Parse(scan.Platform);
            var index = await IndexAsync(scan.Repository, scan.Tag, scan.Digest, platform, cancellationToken).ConfigureAwait(false);
            var result = await engine.MatchAsync(index, cancellationToken).ConfigureAwait(false);
            var version = DatabaseVersion.Of(result.Database ?? await engine.GetDatabaseAsync(cancellationToken).ConfigureAwait(false));
            await scans.MarkCompletedAsync(id, result, version, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left as 'scanning': the next start queues it again.
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever one image does to the pipeline, the worker lives on and the scan says why it failed.
            log.LogWarning(e, "scan {Id} of {Repository}@{Digest} failed", id, scan.Repository, scan.Digest);
            var message = e is VigilException ve && ve.Hint is not null ? $"{e.Message} ({ve.Hint})" : e.Message;
            await scans.MarkFailedAsync(id, message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The stored index for the manifest (or the index's entry for the platform), cataloguing the image only when there is none.</summary>
    private async Task<IndexReport> IndexAsync(string repository, string? tag, Digest digest, Platform platform, CancellationToken cancellationToken)
    {
        var blobs = new StoreBlobSource(store, repository);
        var top = await blobs.GetManifestAsync(digest, cancellationToken).ConfigureAwait(false);
        Digest manifestDigest = digest;
        Digest? indexDigest = null;
        var manifest = top;
        if (top.MediaType is { } mt && Distribution.MediaTypes.IsIndex(mt))
        {
            indexDigest = digest;
            manifestDigest = PickPlatform(top, platform);
            manifest = await blobs.GetManifestAsync(manifestDigest, cancellationToken).ConfigureAwait(false);
        }
        var cached = await scans.GetIndexAsync(manifestDigest, platform, cancellationToken).ConfigureAwait(false);
        if (cached is not null) return cached;
        var report = await engine.IndexAsync(new ScanTarget(repository, tag, manifestDigest, indexDigest, platform, blobs, manifest), cancellationToken).ConfigureAwait(false);
        await scans.PutIndexAsync(manifestDigest, platform, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static Digest PickPlatform(ManifestContent index, Platform platform)
    {
        using var doc = JsonDocument.Parse(index.Bytes);
        var seen = new List<string>();
        foreach (var m in doc.RootElement.GetProperty("manifests").EnumerateArray())
        {
            if (!m.TryGetProperty("platform", out var p)) continue;
            var candidate = new Platform(
                p.TryGetProperty("os", out var os) ? os.GetString() ?? "" : "",
                p.TryGetProperty("architecture", out var arch) ? arch.GetString() ?? "" : "",
                p.TryGetProperty("variant", out var v) ? v.GetString() : null);
            seen.Add(candidate.ToString());
            if (platform.Accepts(candidate)) return Digest.Parse(m.GetProperty("digest").GetString()!);
        }
        throw new VigilException(ErrorKind.NotFound, $"the index has no manifest for {platform}", $"it has: {string.Join(", ", seen)}");
    }

    /// <summary>Re-matches every completed scan whose database version is not the current one, without reading images again.</summary>
    public async Task<int> RematchAsync(CancellationToken cancellationToken)
    {
        await rematchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DatabaseInfo? db;
            try
            {
                db = await engine.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
                LastDatabaseError = null;
            }
            catch (Exception e) when (e is VigilException or NotImplementedException or IOException)
            {
                LastDatabaseError = e.Message;
                return 0;
            }
            if (db is null) return 0;
            var version = DatabaseVersion.Of(db);
            var count = 0;
            foreach (var scan in await scans.StaleAsync(version, cancellationToken).ConfigureAwait(false))
            {
                var platform = Platform.Parse(scan.Platform);
                var digest = scan.Result?.Target.ManifestDigest ?? scan.Digest;
                var index = await scans.GetIndexAsync(digest, platform, cancellationToken).ConfigureAwait(false);
                if (index is null) continue;
                try
                {
                    var result = await engine.MatchAsync(index, cancellationToken).ConfigureAwait(false);
                    await scans.MarkCompletedAsync(scan.Id, result, version, cancellationToken).ConfigureAwait(false);
                    count++;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "re-matching scan {Id} failed", scan.Id);
                }
            }
            LastRematchAt = DateTimeOffset.UtcNow;
            return count;
        }
        finally
        {
            rematchLock.Release();
        }
    }
}
