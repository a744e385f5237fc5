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

    public ConcurrentQueue<string> Violations { get; } = new();

    public TaskCompletionSource<ReceivedAnswer> FirstAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public int RecordAttempt() => Interlocked.Increment(ref _attempts);
}
