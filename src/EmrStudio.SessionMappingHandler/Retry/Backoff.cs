namespace EmrStudio.SessionMappingHandler.Retry;

/// <summary>
/// Exponential backoff with full jitter: the wait before retry <c>n</c> (0-based) is uniform in
/// <c>[0, min(cap, base * 2^n))</c>, which spreads retrying clients apart instead of synchronising them.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly Random _random;

    public Backoff(TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
    {
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _random = random ?? Random.Shared;
    }

    public TimeSpan DelayBeforeRetry(int retry)
    {
        var ceiling = Math.Min(_maxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromMilliseconds(_random.NextDouble() * ceiling);
    }
}
