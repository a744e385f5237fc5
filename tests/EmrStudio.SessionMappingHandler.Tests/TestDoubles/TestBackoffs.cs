using EmrStudio.SessionMappingHandler.Retry;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>Backoffs whose waits a test knows, so that it can let them pass exactly instead of sleeping through them.</summary>
internal static class TestBackoffs
{
    /// <summary>Retries at once: the test decides when time passes (or ends the sequence on a signal), not a wait.</summary>
    public static Backoff Immediate => new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Waits exactly <paramref name="wait"/> before every retry: full jitter drawing one half of twice that.</summary>
    public static Backoff Exactly(TimeSpan wait) => new(wait * 2, wait * 2, new FixedRandom(0.5));
}
