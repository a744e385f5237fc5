using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using EmrStudio.SessionMappingHandler.Helpers;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Json;
using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>
/// EMR over AWS JSON 1.1. Throttling, 5xx and transport failures (including an attempt that outlives its own timeout)
/// are retried with full-jitter backoff until the caller's token ends; the token is the deadline. When it ends, the
/// call throws <see cref="OperationCanceledException"/> whose inner exception is the last failure, if there was one.
/// A final <see cref="EmrException"/> reached after an attempt without a definite answer carries
/// <see cref="EmrException.AfterUnconfirmedAttempt"/>. A TLS certificate the trust rejects is not retried: its
/// <see cref="HttpRequestException"/> propagates at once.
/// </summary>
internal sealed class EmrClient : IEmrClient, IDisposable
{
    public const string SigningService = "elasticmapreduce";
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    private readonly HttpMessageInvoker _http;
    private readonly Uri _endpoint;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private readonly ILog _log;
    private readonly TimeSpan _attemptTimeout;

    /// <param name="http">Sends signed requests: normally <see cref="CreateSigningHandler"/> over the shared connection handler.</param>
    /// <param name="endpoint">The EMR endpoint, used as given: an override with a path prefix keeps it.</param>
    /// <param name="time">The clock for attempt timeouts, backoff waits and durations.</param>
    /// <param name="backoff">The wait between attempts.</param>
    /// <param name="log">Receives one line per attempt.</param>
    /// <param name="attemptTimeout">Bounds one attempt, so that a stalled connection cannot use the whole deadline.</param>
    public EmrClient(HttpMessageInvoker http, Uri endpoint, TimeProvider time, Backoff backoff, ILog log, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(attemptTimeout, TimeSpan.Zero);

        _http = http;
        _endpoint = endpoint;
        _time = time;
        _backoff = backoff;
        _log = log;
        _attemptTimeout = attemptTimeout;
    }

    /// <summary>
    /// The production client for <paramref name="endpoint"/> (see <see cref="EmrEndpointResolver"/>), TLS rooted in
    /// <paramref name="trust"/>, signed with <paramref name="credentials"/> (in Lambda, <see cref="DefaultChainCredentials"/>).
    /// </summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The handlers belong to the invoker, which the client disposes.")]
    public static EmrClient Create(EmrEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, ILog log)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var signing = CreateSigningHandler(credentials, endpoint.SigningRegion, HttpHandlerFactory.Create(trust));
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        return new EmrClient(new HttpMessageInvoker(signing, disposeHandler: true), endpoint.Url, TimeProvider.System, backoff, log, DefaultAttemptTimeout);
    }

    /// <summary>A handler that SigV4-signs every request for EMR in <paramref name="signingRegion"/>.</summary>
    public static DelegatingHandler CreateSigningHandler(AWSCredentials credentials, string signingRegion, HttpMessageHandler inner) =>
        new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(signingRegion), SigningService, inner);

    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        CallAsync("CreateStudioSessionMapping", input, HandlerJsonContext.Default.StudioSessionMappingInput, cancellationToken);

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        CallAsync("UpdateStudioSessionMapping", input, HandlerJsonContext.Default.StudioSessionMappingInput, cancellationToken);

    public async Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        const string Operation = "GetStudioSessionMapping";
        var (status, body) = await CallAsync(Operation, key, HandlerJsonContext.Default.StudioSessionMappingKey, cancellationToken);
        GetStudioSessionMappingOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(body, HandlerJsonContext.Default.GetStudioSessionMappingOutput);
        }
        catch (JsonException exception)
        {
            throw new EmrException(status, "InvalidResponse", $"{Operation} answered with JSON that does not parse: {exception.Message}");
        }

        return output?.SessionMapping
            ?? throw new EmrException(status, "InvalidResponse", $"{Operation} answered without a SessionMapping.");
    }

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken) =>
        CallAsync("DeleteStudioSessionMapping", key, HandlerJsonContext.Default.StudioSessionMappingKey, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<(int Status, byte[] Body)> CallAsync<TRequest>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var unconfirmed = false;
        Exception? lastFailure = null;

        for (var attempt = 1; ; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw DeadlineReached(operation, attempt - 1, lastFailure, cancellationToken);
            }

            var started = _time.GetTimestamp();
            EmrAttemptOutcome outcome;
            try
            {
                outcome = await AttemptAsync(operation, payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The deadline fell mid-attempt; the last definite failure, if any, explains more than the cancellation.
                Log(LogLevel.Warn, operation, attempt, null, "DeadlineReached", (long)_time.GetElapsedTime(started).TotalMilliseconds, retrying: false);
                throw DeadlineReached(operation, attempt, lastFailure, cancellationToken);
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                // Only a rejected certificate leaves AttemptAsync this way; it is final.
                Log(LogLevel.Error, operation, attempt, null, "CertificateRejected", (long)_time.GetElapsedTime(started).TotalMilliseconds, retrying: false);
                throw;
            }

            var elapsedMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;

            if (outcome.Error is null && outcome.Transport is null)
            {
                Log(LogLevel.Info, operation, attempt, outcome.Status, null, elapsedMs, retrying: false);
                return (outcome.Status, outcome.Body);
            }

            if (outcome.Transport is null && outcome.Error is { IsRetryable: false } final)
            {
                Log(LogLevel.Warn, operation, attempt, outcome.Status, final.ErrorType, elapsedMs, retrying: false);
                throw unconfirmed
                    ? new EmrException(final.StatusCode, final.ErrorType, final.ErrorMessage) { AfterUnconfirmedAttempt = true }
                    : final;
            }

            // Throttling is a definite "not done"; a 5xx or a lost answer may hide a request that took effect.
            if (outcome.Transport is not null || outcome.Status >= 500)
            {
                unconfirmed = true;
            }

            lastFailure = (Exception?)outcome.Error ?? outcome.Transport;
            var errorType = outcome.Error?.ErrorType ?? outcome.TransportKind;
            Log(LogLevel.Warn, operation, attempt, outcome.Status == 0 ? null : outcome.Status, errorType, elapsedMs, retrying: true);

            try
            {
                await Task.Delay(_backoff.DelayBeforeRetry(attempt - 1), _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw DeadlineReached(operation, attempt, lastFailure, cancellationToken);
            }
        }
    }

    private async Task<EmrAttemptOutcome> AttemptAsync(string operation, byte[] payload, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(_attemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "ElasticMapReduce." + operation);
        message.Content = new ByteArrayContent(payload);
        message.Content.Headers.ContentType = JsonContentType;

        try
        {
            using var response = await _http.SendAsync(message, linked.Token);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return response.IsSuccessStatusCode
                ? new EmrAttemptOutcome(status, body, null, null, null)
                : new EmrAttemptOutcome(status, body, ParseError(status, response, body), null, null);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's deadline: this attempt's own timeout, or the connect timeout, which SocketsHttpHandler
            // reports as a cancellation wrapping a TimeoutException. Both are worth another attempt.
            var what = attemptTimeout.IsCancellationRequested ? $"The attempt took longer than {_attemptTimeout}." : "The connection timed out.";
            return new EmrAttemptOutcome(0, [], null, new TimeoutException(what, exception), attemptTimeout.IsCancellationRequested ? "AttemptTimeout" : "ConnectTimeout");
        }
        catch (HttpRequestException exception) when (IsCertificateRejection(exception))
        {
            // A certificate the trust rejects will be rejected again: fail now, with the TLS error, instead of retrying.
            throw;
        }
        catch (HttpRequestException exception)
        {
            return new EmrAttemptOutcome(0, [], null, exception, exception.HttpRequestError.ToString());
        }
        catch (IOException exception)
        {
            return new EmrAttemptOutcome(0, [], null, exception, "IOException");
        }
    }

    /// <summary>
    /// Reads <c>{"__type": "ns#Name", "Message": "..."}</c>; the type may also arrive in <c>X-Amzn-ErrorType</c>
    /// (<c>Name:detail</c>). A body that is not such JSON (a proxy's HTML page) still gives an error with its status.
    /// </summary>
    internal static EmrException ParseError(int status, HttpResponseMessage? response, byte[] body)
    {
        EmrErrorBody? error = null;
        try
        {
            error = body.Length == 0 ? null : JsonSerializer.Deserialize(body, HandlerJsonContext.Default.EmrErrorBody);
        }
        catch (JsonException)
        {
        }

        var type = error?.Type;
        if (string.IsNullOrEmpty(type) && response is not null && response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            type = values.FirstOrDefault()?.Split(':')[0];
        }

        if (string.IsNullOrWhiteSpace(type))
        {
            return new EmrException(status, status >= 500 ? "InternalServerError" : "UnknownError", $"HTTP {status}: {Excerpt(body)}");
        }

        type = type[(type.LastIndexOf('#') + 1)..];
        var message = error?.Message ?? error?.LowerCaseMessage ?? string.Empty;
        return new EmrException(status, type, message);
    }

    private static bool IsCertificateRejection(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.SecureConnectionError && exception.InnerException is AuthenticationException;

    private static string Excerpt(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        var printable = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            printable.Append(char.IsControl(character) ? ' ' : character);
        }

        return printable.ToString().Trim();
    }

    private static OperationCanceledException DeadlineReached(string operation, int attempts, Exception? lastFailure, CancellationToken cancellationToken) =>
        new($"{operation} did not complete before the deadline after {attempts} attempt(s)"
            + (lastFailure is null ? "." : $"; last failure: {lastFailure.Message}"), lastFailure, cancellationToken);

    private void Log(LogLevel level, string operation, int attempt, int? status, string? errorType, long durationMs, bool retrying) =>
        _log.Write(
            level,
            "emr call",
            new("operation", operation),
            new("attempt", attempt),
            new("httpStatus", status),
            new("errorType", errorType),
            new("durationMs", durationMs),
            new("retrying", retrying));
}
