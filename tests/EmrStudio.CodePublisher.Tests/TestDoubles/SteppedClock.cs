using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>
/// A fake clock that hands the test each wait the publisher starts, in order, so that the test moves time only once
/// the publisher is waiting, by exactly the wait it chose. Time moves only when the test moves it.
/// </summary>
public sealed class SteppedClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public SteppedClock()
        : base(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// The next wait the publisher starts, or null when <paramref name="run"/> ends first: a run that stops waiting
    /// fails the test's expectations instead of hanging it.
    /// </summary>
    public async Task<TimeSpan?> NextWaitAsync(Task run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var armed = _armed.Reader.ReadAsync().AsTask();
        return await Task.WhenAny(armed, run) == armed ? await armed : null;
    }
}
