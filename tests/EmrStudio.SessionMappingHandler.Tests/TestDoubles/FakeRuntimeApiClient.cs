using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using EmrStudio.SessionMappingHandler.Runtime;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// The Runtime API in memory, as the invocation loop sees it. Each call for the next event takes the next step a test
/// queued (an event, or a failure to throw), waiting for one, as Lambda does, until the stop token ends; every result
/// is recorded per request id. Signals tell a test when the loop asks for an event and when it reports one, so that
/// nothing is left to timing.
/// </summary>
internal sealed class FakeRuntimeApiClient : IRuntimeApiClient
{
    public const string DefaultFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:session-mapping";

    private readonly Channel<Func<RuntimeInvocation>> _steps = Channel.CreateUnbounded<Func<RuntimeInvocation>>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PostedRuntimeResult>> _results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _nextCalls = new();
    private readonly ConcurrentQueue<PostedRuntimeResult> _posted = new();
    private readonly ConcurrentQueue<RuntimeErrorBody> _initErrors = new();
    private volatile Exception? _resultRefusal;
    private int _nextCallCount;

    /// <summary>How many times the next event was asked for, including a call still waiting.</summary>
    public int NextCallCount => Volatile.Read(ref _nextCallCount);

    /// <summary>Every result in the order it was posted.</summary>
    public IReadOnlyList<PostedRuntimeResult> Results => [.. _posted];

    public IReadOnlyList<RuntimeErrorBody> InitErrors => [.. _initErrors];

    /// <summary>Queues an event whose invocation must finish by <paramref name="deadline"/>.</summary>
    public void Offer(string body, string requestId, DateTimeOffset deadline, string? traceId = null, string functionArn = DefaultFunctionArn)
    {
        var invocation = new RuntimeInvocation
        {
            Body = Encoding.UTF8.GetBytes(body),
            Context = new InvocationContext { AwsRequestId = requestId, Deadline = deadline, InvokedFunctionArn = functionArn, TraceId = traceId },
        };
        _ = Completion(requestId);
        _steps.Writer.TryWrite(() => invocation);
    }

    /// <summary>The next call for an event (or the one waiting now) throws <paramref name="failure"/>.</summary>
    public void FailNextCall(Exception failure) => _steps.Writer.TryWrite(() => throw failure);

    /// <summary>From now on, posting a result throws <paramref name="refusal"/> (a fatal 500, a refused call) and records nothing.</summary>
    public void RefuseResults(Exception refusal) => _resultRefusal = refusal;

    /// <summary>Completes once the next event has been asked for <paramref name="count"/> times.</summary>
    public Task WaitForNextCallAsync(int count) => NextCall(count).Task.Guarded();

    /// <summary>The first result posted for <paramref name="requestId"/>.</summary>
    public Task<PostedRuntimeResult> WaitForResultAsync(string requestId) => Completion(requestId).Task.Guarded();

    public async Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        NextCall(Interlocked.Increment(ref _nextCallCount)).TrySetResult();
        var step = await _steps.Reader.ReadAsync(cancellationToken);
        return step();
    }

    public Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync(new PostedRuntimeResult { RequestId = requestId, IsError = false, Body = Encoding.UTF8.GetString(body.Span) });

    public Task PostInvocationErrorAsync(string requestId, RuntimeErrorBody error, CancellationToken cancellationToken) =>
        PostAsync(new PostedRuntimeResult { RequestId = requestId, IsError = true, Error = error });

    public Task PostInitErrorAsync(RuntimeErrorBody error, CancellationToken cancellationToken)
    {
        _initErrors.Enqueue(error);
        return Task.CompletedTask;
    }

    private Task PostAsync(PostedRuntimeResult result)
    {
        if (_resultRefusal is { } refusal)
        {
            return Task.FromException(refusal);
        }

        _posted.Enqueue(result);
        Completion(result.RequestId).TrySetResult(result);
        return Task.CompletedTask;
    }

    private TaskCompletionSource NextCall(int count) =>
        _nextCalls.GetOrAdd(count, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource<PostedRuntimeResult> Completion(string requestId) =>
        _results.GetOrAdd(requestId, static _ => new TaskCompletionSource<PostedRuntimeResult>(TaskCreationOptions.RunContinuationsAsynchronously));
}
