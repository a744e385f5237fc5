namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A timer of <see cref="WatchedTimeProvider"/>: it reports every re-arming (CancelAfter, say) to its clock.</summary>
internal sealed class WatchedTimer : ITimer
{
    private readonly ITimer _inner;
    private readonly WatchedTimeProvider _clock;

    public WatchedTimer(ITimer inner, WatchedTimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        var changed = _inner.Change(dueTime, period);
        _clock.NoteArmed(dueTime);
        return changed;
    }

    public void Dispose() => _inner.Dispose();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
