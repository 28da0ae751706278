namespace Vigil.Images.Registry;

/// <summary>
/// How registry requests are retried on 429, 5xx and broken connections.
/// The delay function is a seam so tests can count and order waits without sleeping.
/// </summary>
/// <param name="MaxAttempts">Tries per request, the first included.</param>
/// <param name="BaseDelay">The first backoff; doubles each retry (with jitter), up to <paramref name="MaxDelay"/>.</param>
/// <param name="MaxDelay">The longest wait, Retry-After included: a registry asking for longer gets a Network error instead.</param>
public sealed record RetryPolicy(int MaxAttempts = 5, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null)
{
    public static RetryPolicy Default { get; } = new();

    public TimeSpan EffectiveBaseDelay => BaseDelay ?? TimeSpan.FromMilliseconds(500);

    public TimeSpan EffectiveMaxDelay => MaxDelay ?? TimeSpan.FromSeconds(60);

    /// <summary>Waits between tries; Task.Delay unless a test replaces it.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (d, ct) => Task.Delay(d, ct);

    /// <summary>The backoff before retry number <paramref name="retry"/> (1-based) when the server gave no Retry-After.</summary>
    public TimeSpan Backoff(int retry)
    {
        var exp = EffectiveBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        // Jitter keeps concurrent scans from retrying in lockstep against a struggling registry.
        var jittered = exp * (0.75 + Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, EffectiveMaxDelay.TotalMilliseconds));
    }
}
