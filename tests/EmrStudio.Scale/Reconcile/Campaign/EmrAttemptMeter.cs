using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>
/// Counts the EMR client's attempts and the throttling answers among them, on the wire under the client's retries;
/// with a <see cref="VirtualClock"/>, each attempt first spends <c>latency</c> of the function's time, so that a
/// deadline falling during the call abandons it, as on the real clock.
/// </summary>
internal sealed class EmrAttemptMeter(VirtualClock? clock, TimeSpan latency) : DelegatingHandler
{
    private int _attempts;
    private int _throttled;

    public int Attempts => Volatile.Read(ref _attempts);

    public int Throttled => Volatile.Read(ref _throttled);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        clock?.Spend(latency);
        cancellationToken.ThrowIfCancellationRequested();
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            if ((await response.Content.ReadAsStringAsync(cancellationToken)).Contains(EmrErrors.Throttling, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _throttled);
            }
        }

        return response;
    }
}
