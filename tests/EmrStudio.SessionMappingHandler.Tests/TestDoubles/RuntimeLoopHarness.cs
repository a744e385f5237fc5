using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.SessionMappingHandler.Runtime;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// What every invocation-loop test starts from: the Runtime API in memory, an environment, a log, a clock that moves
/// only when the test moves it, and the token that stops the loop.
/// </summary>
internal sealed class RuntimeLoopHarness : IDisposable
{
    public FakeRuntimeApiClient Runtime { get; } = new();

    public DictionaryEnvironment Environment { get; } = new();

    public CapturedJsonLog Log { get; } = new();

    public WatchedTimeProvider Time { get; } = new();

    /// <summary>Stops the loop under test; cancelled on dispose.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>A loop over this harness; it asks again at once after a failed call for an event, unless given a backoff.</summary>
    public InvocationLoop Loop(IInvocationHandler handler, Backoff? nextRetryBackoff = null) =>
        new(Runtime, handler, Environment, Log.Log, nextRetryBackoff ?? TestBackoffs.Immediate, Time);

    public InvocationLoop Loop(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task> handle, Backoff? nextRetryBackoff = null) =>
        Loop(new DelegateInvocationHandler(handle), nextRetryBackoff);

    /// <summary>When an event offered now must be done by.</summary>
    public DateTimeOffset In(TimeSpan span) => Time.GetUtcNow() + span;

    public void Dispose()
    {
        Stop.Cancel();
        Stop.Dispose();
    }
}
