using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.Testing.Runtime;

/// <summary>
/// The Lambda Runtime API of a custom runtime, for one process under test. <c>/next</c> waits, with no time limit,
/// until <see cref="Enqueue(RuntimeEvent)"/> offers an event; results are recorded per request id.
/// <see cref="AnswerServerErrors"/> makes every call (including a waiting <c>/next</c>) answer 500, which tells the
/// runtime to exit.
/// </summary>
public sealed class FakeRuntimeApi : KestrelFake
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly Channel<RuntimeEvent?> _events = Channel.CreateUnbounded<RuntimeEvent?>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeResult>> _results = new();
    private readonly ConcurrentQueue<RuntimeResult> _allResults = new();
    private readonly ConcurrentQueue<RuntimeResult> _initErrors = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _nextArrivals = new();
    private readonly ConcurrentQueue<DateTimeOffset> _nextRequestTimes = new();
    private volatile bool _serverErrors;
    private int _nextRequests;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>: host and port, no scheme.</summary>
    public string RuntimeApiAddress => BaseAddress.Authority;

    /// <summary>How many times <c>/next</c> was called (including one still waiting).</summary>
    public int NextRequestCount => Volatile.Read(ref _nextRequests);

    /// <summary>When each <c>/next</c> arrived, in order: the first is when the runtime was ready for its first event.</summary>
    public IReadOnlyList<DateTimeOffset> NextRequestTimes => [.. _nextRequestTimes];

    /// <summary>Every result in the order it arrived (duplicates included).</summary>
    public IReadOnlyList<RuntimeResult> Results => [.. _allResults];

    public IReadOnlyList<RuntimeResult> InitErrors => [.. _initErrors];

    public void Enqueue(RuntimeEvent runtimeEvent)
    {
        ArgumentNullException.ThrowIfNull(runtimeEvent);
        _ = Completion(runtimeEvent.RequestId);
        _events.Writer.TryWrite(runtimeEvent);
    }

    /// <summary>Queues <paramref name="body"/> (UTF-8) as an event that must finish by <paramref name="deadline"/>.</summary>
    public void Enqueue(string body, string requestId, DateTimeOffset deadline, string? functionArn = null, string? traceId = null) =>
        Enqueue(new RuntimeEvent
        {
            Body = Encoding.UTF8.GetBytes(body),
            RequestId = requestId,
            Deadline = deadline,
            FunctionArn = functionArn ?? "arn:aws:lambda:us-east-1:123456789012:function:session-mapping",
            TraceId = traceId,
        });

    /// <summary>From now on every call answers 500; a <c>/next</c> already waiting is answered 500 too.</summary>
    public void AnswerServerErrors()
    {
        _serverErrors = true;
        _events.Writer.TryWrite(null);
    }

    /// <summary>
    /// Completes once <c>/next</c> has been called <paramref name="count"/> times: the runtime is then waiting for an
    /// event (or has its answer). Throws <see cref="TimeoutException"/> if the call does not come in time.
    /// </summary>
    public Task WaitForNextRequestAsync(int count, TimeSpan timeout) => NextArrival(count).Task.WaitAsync(timeout);

    /// <summary>The first result posted for <paramref name="requestId"/>; throws <see cref="TimeoutException"/> if none comes.</summary>
    public Task<RuntimeResult> WaitForResultAsync(string requestId, TimeSpan timeout) =>
        Completion(requestId).Task.WaitAsync(timeout);

    protected override async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (_serverErrors)
        {
            if (path == Prefix + "invocation/next")
            {
                RecordNextRequest();
            }

            await WriteAsync(context, StatusCodes.Status500InternalServerError, """{"errorMessage":"Runtime exited","errorType":"Runtime.ExitError"}""");
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path == Prefix + "invocation/next")
        {
            await ServeNextAsync(context);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, """{"errorMessage":"Not found","errorType":"InvalidRequest"}""");
            return;
        }

        var body = Encoding.UTF8.GetString(await ReadBodyAsync(context));
        var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        var rest = path[Prefix.Length..];
        if (rest == "init/error")
        {
            _initErrors.Enqueue(new RuntimeResult
            {
                RequestId = string.Empty,
                IsError = true,
                Body = body,
                ErrorTypeHeader = errorType,
                ContentType = context.Request.ContentType,
            });
            await WriteAsync(context, StatusCodes.Status202Accepted, """{"status":"OK"}""");
            return;
        }

        var segments = rest.Split('/');
        if (segments is ["invocation", var requestId, "response" or "error"])
        {
            var result = new RuntimeResult
            {
                RequestId = Uri.UnescapeDataString(requestId),
                IsError = segments[2] == "error",
                Body = body,
                ErrorTypeHeader = errorType,
                ContentType = context.Request.ContentType,
                ReceivedAt = DateTimeOffset.UtcNow,
            };
            _allResults.Enqueue(result);
            Completion(result.RequestId).TrySetResult(result);
            await WriteAsync(context, StatusCodes.Status202Accepted, """{"status":"OK"}""");
            return;
        }

        await WriteAsync(context, StatusCodes.Status404NotFound, """{"errorMessage":"Not found","errorType":"InvalidRequest"}""");
    }

    private async Task ServeNextAsync(HttpContext context)
    {
        _nextRequestTimes.Enqueue(DateTimeOffset.UtcNow);
        RecordNextRequest();
        RuntimeEvent? next;
        try
        {
            next = await _events.Reader.ReadAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (next is null)
        {
            // The wake-up left by AnswerServerErrors: keep it for any other waiter.
            _events.Writer.TryWrite(null);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, """{"errorMessage":"Runtime exited","errorType":"Runtime.ExitError"}""");
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        if (next.FunctionArn is not null)
        {
            headers["Lambda-Runtime-Invoked-Function-Arn"] = next.FunctionArn;
        }

        if (next.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = next.Body.Length;
        await context.Response.Body.WriteAsync(next.Body);
    }

    private void RecordNextRequest() => NextArrival(Interlocked.Increment(ref _nextRequests)).TrySetResult();

    private TaskCompletionSource NextArrival(int count) =>
        _nextArrivals.GetOrAdd(count, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource<RuntimeResult> Completion(string requestId) =>
        _results.GetOrAdd(requestId, static _ => new TaskCompletionSource<RuntimeResult>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}
