namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>
/// The clock of a run that must not wait: starting a wait throws, so a wait the test did not expect fails the region
/// with this message instead of slowing the run down.
/// </summary>
public sealed class NoWaitClock : TimeProvider
{
    public static NoWaitClock Instance { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new InvalidOperationException($"The publisher started a wait of {dueTime} in a run that expects none.");
}
