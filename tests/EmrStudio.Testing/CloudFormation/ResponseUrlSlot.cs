using System.Collections.Concurrent;

namespace EmrStudio.Testing.CloudFormation;

/// <summary>One pre-signed URL handed out by <see cref="ResponseUrlReceiver"/>: what it expects, what it got.</summary>
internal sealed class ResponseUrlSlot
{
    public required string Path { get; init; }

    public required string Signature { get; init; }

    public required string StackId { get; init; }

    public required string RequestId { get; init; }

    public required string LogicalResourceId { get; init; }

    public ConcurrentQueue<ResponseFault> Faults { get; } = new();

    public ResponseFault? PermanentFault { get; set; }

    public ConcurrentQueue<ReceivedAnswer> Answers { get; } = new();

    /// <summary>
    /// Set when a test delivers the event a second time, as Lambda may: then a second answer is expected, and only one
    /// that differs from the first (another status, id, reason or data) is a violation.
    /// </summary>
    public bool RedeliveryExpected { get; set; }

    public ConcurrentQueue<string> Violations { get; } = new();

    public TaskCompletionSource<ReceivedAnswer> FirstAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called with each request's number as it arrives, before it is answered.</summary>
    public Action<int>? OnAttempt { get; set; }

    private readonly ConcurrentDictionary<int, TaskCompletionSource> _arrivals = new();

    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public int RecordAttempt() => Interlocked.Increment(ref _attempts);

    /// <summary>Completed once request number <paramref name="attempt"/> has arrived and <see cref="OnAttempt"/> has seen it.</summary>
    public TaskCompletionSource Arrival(int attempt) =>
        _arrivals.GetOrAdd(attempt, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
