using System.Diagnostics.CodeAnalysis;
using System.Security.Authentication;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;

namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// Sends signed calls to one AWS service and retries what is worth retrying: throttling, 5xx and transport failures
/// (including an attempt that outlives its own timeout), with full-jitter backoff until the caller's token ends; the
/// token is the deadline. When it ends, the call throws <see cref="OperationCanceledException"/> whose inner exception
/// is the last failure, if there was one. A final <see cref="AwsServiceException"/> reached after an attempt without
/// a definite answer carries <see cref="AwsServiceException.AfterUnconfirmedAttempt"/>. A TLS certificate the trust
/// rejects is not retried: its <see cref="HttpRequestException"/> propagates at once.
/// </summary>
internal sealed class AwsHttpCaller : IDisposable
{
    private readonly HttpMessageInvoker _http;
    private readonly Uri _endpoint;
    private readonly IAwsProtocol _protocol;
    private readonly string _service;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private readonly ILog _log;
    private readonly TimeSpan _attemptTimeout;

    /// <param name="http">Sends signed requests: normally <see cref="CreateSigningHandler"/> over a connection handler.</param>
    /// <param name="endpoint">The service endpoint, used as given: an override with a path prefix keeps it.</param>
    /// <param name="protocol">Frames requests and reads errors.</param>
    /// <param name="service">The service's name in log lines.</param>
    /// <param name="time">The clock for attempt timeouts, backoff waits and durations.</param>
    /// <param name="backoff">The wait between attempts.</param>
    /// <param name="log">Receives one line per attempt.</param>
    /// <param name="attemptTimeout">Bounds one attempt, so that a stalled connection cannot use the whole deadline.</param>
    public AwsHttpCaller(
        HttpMessageInvoker http, Uri endpoint, IAwsProtocol protocol, string service, TimeProvider time, Backoff backoff, ILog log, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(attemptTimeout, TimeSpan.Zero);

        _http = http;
        _endpoint = endpoint;
        _protocol = protocol;
        _service = service;
        _time = time;
        _backoff = backoff;
        _log = log;
        _attemptTimeout = attemptTimeout;
    }

    /// <summary>A handler that SigV4-signs every request for <paramref name="service"/> in <paramref name="signingRegion"/>.</summary>
    public static DelegatingHandler CreateSigningHandler(AWSCredentials credentials, string signingRegion, AwsService service, HttpMessageHandler inner)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(signingRegion), service.SigningName, inner);
    }

    /// <summary>
    /// The production caller of <paramref name="service"/> at <paramref name="endpoint"/>: TLS rooted in
    /// <paramref name="trust"/>, signed with <paramref name="credentials"/>, on the system clock.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The handlers belong to the invoker, which the caller disposes.")]
    public static AwsHttpCaller Create(
        AwsService service, IAwsProtocol protocol, ServiceEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, Backoff backoff, TimeSpan attemptTimeout, ILog log)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(endpoint);
        var invoker = new HttpMessageInvoker(CreateSigningHandler(credentials, endpoint.SigningRegion, service, HttpHandlerFactory.Create(trust)), disposeHandler: true);
        return new AwsHttpCaller(invoker, endpoint.Url, protocol, service.SigningName, TimeProvider.System, backoff, log, attemptTimeout);
    }

    public void Dispose() => _http.Dispose();

    public async Task<(int Status, byte[] Body)> CallAsync(string operation, byte[] payload, CancellationToken cancellationToken)
    {
        var unconfirmed = false;
        Exception? lastFailure = null;

        for (var attempt = 1; ; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw DeadlineReached(operation, attempt - 1, lastFailure, cancellationToken);
            }

            var started = _time.GetTimestamp();
            AwsAttemptOutcome outcome;
            try
            {
                outcome = await AttemptAsync(operation, payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The deadline fell mid-attempt; the last definite failure, if any, explains more than the cancellation.
                Log(LogLevel.Warn, operation, attempt, null, "DeadlineReached", started, retrying: false);
                throw DeadlineReached(operation, attempt, lastFailure, cancellationToken);
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                // Only a rejected certificate leaves AttemptAsync this way; it is final.
                Log(LogLevel.Error, operation, attempt, null, "CertificateRejected", started, retrying: false);
                throw;
            }

            if (outcome.Error is null && outcome.Transport is null)
            {
                Log(LogLevel.Debug, operation, attempt, outcome.Status, null, started, retrying: false);
                return (outcome.Status, outcome.Body);
            }

            if (outcome.Transport is null && outcome.Error is { IsRetryable: false } final)
            {
                Log(LogLevel.Warn, operation, attempt, outcome.Status, final.ErrorType, started, retrying: false);
                throw unconfirmed ? final.AfterUnconfirmed() : final;
            }

            // Throttling is a definite "not done"; a 5xx or a lost answer may hide a request that took effect.
            if (outcome.Transport is not null || outcome.Status >= 500)
            {
                unconfirmed = true;
            }

            lastFailure = (Exception?)outcome.Error ?? outcome.Transport;
            var errorType = outcome.Error?.ErrorType ?? outcome.TransportKind;
            Log(LogLevel.Warn, operation, attempt, outcome.Status == 0 ? null : outcome.Status, errorType, started, retrying: true);

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

    private async Task<AwsAttemptOutcome> AttemptAsync(string operation, byte[] payload, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(_attemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var message = _protocol.CreateRequest(_endpoint, operation, payload);

        try
        {
            using var response = await _http.SendAsync(message, linked.Token);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return response.IsSuccessStatusCode
                ? new AwsAttemptOutcome(status, body, null, null, null)
                : new AwsAttemptOutcome(status, body, _protocol.ParseError(status, response, body), null, null);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's deadline: this attempt's own timeout, or the connect timeout, which SocketsHttpHandler
            // reports as a cancellation wrapping a TimeoutException. Both are worth another attempt.
            var what = attemptTimeout.IsCancellationRequested ? $"The attempt took longer than {_attemptTimeout}." : "The connection timed out.";
            return new AwsAttemptOutcome(0, [], null, new TimeoutException(what, exception), attemptTimeout.IsCancellationRequested ? "AttemptTimeout" : "ConnectTimeout");
        }
        catch (HttpRequestException exception) when (IsCertificateRejection(exception))
        {
            // A certificate the trust rejects will be rejected again: fail now, with the TLS error, instead of retrying.
            throw;
        }
        catch (HttpRequestException exception)
        {
            return new AwsAttemptOutcome(0, [], null, exception, exception.HttpRequestError.ToString());
        }
        catch (IOException exception)
        {
            return new AwsAttemptOutcome(0, [], null, exception, "IOException");
        }
    }

    private static bool IsCertificateRejection(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.SecureConnectionError && exception.InnerException is AuthenticationException;

    private static OperationCanceledException DeadlineReached(string operation, int attempts, Exception? lastFailure, CancellationToken cancellationToken) =>
        new($"{operation} did not complete before the deadline after {attempts} attempt(s)"
            + (lastFailure is null ? "." : $"; last failure: {lastFailure.Message}"), lastFailure, cancellationToken);

    private void Log(LogLevel level, string operation, int attempt, int? status, string? errorType, long started, bool retrying) =>
        _log.Write(
            level,
            "aws call",
            new("service", _service),
            new("operation", operation),
            new("attempt", attempt),
            new("httpStatus", status),
            new("errorType", errorType),
            new("durationMs", (long)_time.GetElapsedTime(started).TotalMilliseconds),
            new("retrying", retrying));
}
