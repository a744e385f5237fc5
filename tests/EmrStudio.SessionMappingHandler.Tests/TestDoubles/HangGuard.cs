namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// The bound on a test's wait for something that a working product does at once, or on a signal the test gives: it
/// only turns a hang into a failure instead of a stalled run. It decides no outcome, so a machine many times slower
/// passes the same.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>A deadline for the code under test that only a hang reaches.</summary>
    public static CancellationToken Deadline() => new CancellationTokenSource(Limit).Token;

    /// <summary><paramref name="task"/>, or a <see cref="TimeoutException"/> if it hangs.</summary>
    public static Task Guarded(this Task task) => task.WaitAsync(Limit);

    /// <summary><paramref name="task"/>'s result, or a <see cref="TimeoutException"/> if it hangs.</summary>
    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Limit);
}
