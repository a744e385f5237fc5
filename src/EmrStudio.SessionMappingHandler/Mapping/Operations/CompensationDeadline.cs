namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// The token for cleanup after a failure: it ends a short grace period after the event's token, not with it, so a
/// deadline that strikes mid-cleanup does not leave a mapping behind that CloudFormation will never name.
/// </summary>
internal sealed class CompensationDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _registration;

    public CompensationDeadline(TimeSpan grace, TimeProvider time, CancellationToken eventToken)
    {
        _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _registration = eventToken.Register(() => _source.CancelAfter(grace));
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        // The registration goes first: its callback must never reach a disposed source.
        _registration.Dispose();
        _source.Dispose();
    }
}
