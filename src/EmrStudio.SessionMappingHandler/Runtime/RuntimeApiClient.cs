using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.Platform;

namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>
/// Speaks the Lambda Runtime API (<c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01</c>) for a custom runtime. A 500 from
/// any call becomes <see cref="RuntimeApiFatalException"/>: Lambda then wants the process gone.
/// </summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    /// <summary>
    /// Used when Lambda sends no usable deadline (it always does): short, because answering early is safe and
    /// answering after the real deadline is not.
    /// </summary>
    public static readonly TimeSpan FallbackTimeToDeadline = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public RuntimeApiClient(IEnvironment environment, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        var api = environment.GetVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new InvalidOperationException($"{RuntimeApiVariable} is not set: this process must run inside Lambda.");
        }

        _time = time ?? TimeProvider.System;
        // No client timeout: /next blocks until an event arrives, and Lambda freezes the process in between, so any
        // timer would fire spuriously after a thaw.
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.BaseAddress = new Uri($"http://{api.Trim()}/2018-06-01/");
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The HttpClient's own timeout; infinite by design (see the constructor).</summary>
    public TimeSpan ClientTimeout => _http.Timeout;

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Waits, for as long as it takes, for the next event.</summary>
    public async Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ThrowIfRefusedAsync(response, "GET /runtime/invocation/next", cancellationToken);

        var requestId = SingleHeader(response, "Lambda-Runtime-Aws-Request-Id");
        if (string.IsNullOrEmpty(requestId))
        {
            // Without a request id nothing can be reported for this event: the Runtime API is not one we understand.
            throw new RuntimeApiFatalException("The Runtime API sent an event without Lambda-Runtime-Aws-Request-Id.");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var context = new InvocationContext
        {
            AwsRequestId = requestId,
            Deadline = ParseDeadline(SingleHeader(response, "Lambda-Runtime-Deadline-Ms")),
            InvokedFunctionArn = SingleHeader(response, "Lambda-Runtime-Invoked-Function-Arn"),
            TraceId = SingleHeader(response, "Lambda-Runtime-Trace-Id"),
        };
        return new RuntimeInvocation { Body = body, Context = context };
    }

    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        await ThrowIfRefusedAsync(response, "POST /runtime/invocation/{id}/response", cancellationToken);
    }

    public Task PostInvocationErrorAsync(string requestId, RuntimeErrorBody error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", "POST /runtime/invocation/{id}/error", error, cancellationToken);

    /// <summary>Reports that the process could not start; Lambda then fails the pending invocation.</summary>
    public Task PostInitErrorAsync(RuntimeErrorBody error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", "POST /runtime/init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, string operation, RuntimeErrorBody error, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeErrorBody);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, operation, cancellationToken);
    }

    private DateTimeOffset ParseDeadline(string? header)
    {
        if (long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs)
            && unixMs is > 0 and < 253_402_300_799_999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        }

        return _time.GetUtcNow() + FallbackTimeToDeadline;
    }

    private static string? SingleHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task ThrowIfRefusedAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            throw new RuntimeApiFatalException($"{operation} answered 500: the runtime must exit.");
        }

        // The body says why (for example "InvalidRequestID"); it is Lambda's own text and safe to keep, but short.
        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        if (detail.Length > 512)
        {
            detail = detail[..512];
        }

        throw new RuntimeApiException($"{operation} answered {status}: {detail}", status);
    }
}
