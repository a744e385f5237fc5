namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>
/// The function's clock in a simulated reconcile: time moves only when the code spends it, so that runs that take
/// minutes of the function's time take as long as their HTTP calls do, and repeat exactly. A timer armed for less
/// than <see cref="WaitLimit"/> is a wait (a backoff, the pacer), which the code awaits at once: the clock moves on to
/// it. Longer timers are deadlines (an attempt's, a check's, the run's), which fire only when spent time reaches
/// them. Work spends time through <see cref="Spend"/> (an EMR call's latency). Only code that does one thing at a time
/// may use it: a wait passes while nothing else is going on.
/// </summary>
/// <remarks>
/// Timers fire on the thread that moves the clock, in the order they fall due, each exactly once, whichever thread
/// moves it and however calls nest: a thread that moves the clock fires everything due by then before it returns.
/// </remarks>
internal sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _armed = [];
    private DateTimeOffset _now;
    private TimeSpan _waited;
    private long _sequence;

    public VirtualClock(DateTimeOffset start, TimeSpan waitLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(waitLimit, TimeSpan.Zero);
        _now = start;
        WaitLimit = waitLimit;
    }

    /// <summary>Timers shorter than this are waits, passed at once; the others are deadlines.</summary>
    public TimeSpan WaitLimit { get; }

    /// <summary>The time passed in waits (backoffs, pacing) so far.</summary>
    public TimeSpan Waited
    {
        get
        {
            lock (_gate)
            {
                return _waited;
            }
        }
    }


    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock by work that took <paramref name="duration"/>; the deadlines it reaches fire before this returns.</summary>
    public void Spend(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        lock (_gate)
        {
            _now += duration;
        }

        FireDue();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime < WaitLimit && period == Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _waited += dueTime;
            }

            // The caller awaits the timer once it is armed: moving the clock from elsewhere lets it finish arming first.
            _ = Task.Run(() => Spend(dueTime));
        }

        return timer;
    }

    internal void Arm(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _armed.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = _now + dueTime;
                timer.Period = period;
                timer.Sequence = ++_sequence;
                _armed.Add(timer);
            }
        }

        if (dueTime == TimeSpan.Zero)
        {
            FireDue();
        }
    }

    internal void Disarm(VirtualTimer timer)
    {
        lock (_gate)
        {
            _armed.Remove(timer);
        }
    }

    private void FireDue()
    {
        while (true)
        {
            VirtualTimer? next;
            lock (_gate)
            {
                next = _armed.Where(timer => timer.DueAt <= _now).MinBy(timer => (timer.DueAt, timer.Sequence));
                if (next is null)
                {
                    return;
                }

                _armed.Remove(next);
                if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
                {
                    next.DueAt += next.Period;
                    next.Sequence = ++_sequence;
                    _armed.Add(next);
                }
            }

            next.Fire();
        }
    }
}
