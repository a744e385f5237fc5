using Microsoft.Extensions.Time.Testing;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// A fake clock that also tells when the code under test arms a timer on it (a Task.Delay, an attempt timeout, a
/// CancellationTokenSource's delay), so that a test advances time once the code is waiting for it instead of guessing
/// how long the code takes to get there. Time moves only when the test moves it.
/// </summary>
internal sealed class WatchedTimeProvider : FakeTimeProvider
{
    /// <summary>Where every watched clock starts; any fixed instant would do.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 24, 5, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly Dictionary<TimeSpan, int> _armed = [];
    private readonly List<(TimeSpan DueTime, int Occurrence, TaskCompletionSource Signal)> _waiters = [];

    public WatchedTimeProvider()
        : base(Epoch)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        NoteArmed(dueTime);
        return timer;
    }

    /// <summary>How many timers were armed to fire <paramref name="dueTime"/> after they were armed.</summary>
    public int ArmedCount(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _armed.GetValueOrDefault(dueTime);
        }
    }

    /// <summary>
    /// Completes once a timer has been armed to fire <paramref name="dueTime"/> after it was armed, for the
    /// <paramref name="occurrence"/>-th time: the code under test then waits, and advancing by that much releases it.
    /// </summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int occurrence = 1)
    {
        lock (_gate)
        {
            if (_armed.GetValueOrDefault(dueTime) >= occurrence)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, occurrence, signal));
            return signal.Task.Guarded();
        }
    }

    /// <summary>Records a timer armed (created or changed) to fire after <paramref name="dueTime"/>.</summary>
    public void NoteArmed(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<TaskCompletionSource> released;
        lock (_gate)
        {
            var count = _armed[dueTime] = _armed.GetValueOrDefault(dueTime) + 1;
            released = [.. _waiters.Where(waiter => waiter.DueTime == dueTime && waiter.Occurrence <= count).Select(waiter => waiter.Signal)];
            _waiters.RemoveAll(waiter => waiter.DueTime == dueTime && waiter.Occurrence <= count);
        }

        foreach (var signal in released)
        {
            signal.TrySetResult();
        }
    }
}
