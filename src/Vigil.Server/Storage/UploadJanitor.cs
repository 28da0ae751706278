using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Storage;

/// <summary>Sweeps idle upload sessions away, at start and then every so often (see <see cref="ServeOptions.UploadExpiry"/>).</summary>
public sealed class UploadJanitor(UploadStore uploads, ServeOptions options, ILogger<UploadJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expiry = options.EffectiveUploadExpiry;
        // Often enough that a session lives at most about 1.5 times the expiry; at most hourly, at least every second.
        var interval = TimeSpan.FromTicks(Math.Clamp(expiry.Ticks / 2, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var purged = await uploads.PurgeIdleAsync(DateTime.UtcNow - expiry, stoppingToken).ConfigureAwait(false);
                if (purged > 0) logger.LogInformation("removed {Count} upload sessions idle for more than {Expiry}", purged, expiry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                // A sweep that fails is retried at the next one; uploads keep working meanwhile.
                logger.LogWarning(e, "sweeping idle uploads failed");
            }

            try
            {
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
