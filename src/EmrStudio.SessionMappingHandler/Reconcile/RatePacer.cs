namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>
/// Spaces calls to at most <c>callsPerSecond</c>, with a burst of one second's worth: the reconcile run shares EMR's
/// per-account rate with every deployment, so it takes its calls evenly instead of as fast as throttling allows.
/// </summary>
internal sealed class RatePacer
{
    private readonly TimeSpan _interval;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _updated;

    public RatePacer(double callsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(callsPerSecond, 0);
        _interval = TimeSpan.FromSeconds(1 / callsPerSecond);
        _burst = Math.Max(1, callsPerSecond);
        _time = time;
        _tokens = _burst;
        _updated = time.GetTimestamp();
    }

    /// <summary>Waits until a call may be made, then takes its place.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_updated, now) / _interval));
                _updated = now;
                if (_tokens >= 1)
                {
                    _tokens--;
                    return;
                }

                // Task.Delay counts whole milliseconds and ends a shorter wait at once, so the wait is rounded up, to
                // one at least: otherwise the rest of a slot (or a rounding error's worth) is spun through, and forever
                // on a clock that moves only when the code waits on it.
                wait = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((1 - _tokens) * _interval.TotalMilliseconds)));
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
