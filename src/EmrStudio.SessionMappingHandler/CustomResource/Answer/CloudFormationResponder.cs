using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;


namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>
/// PUTs answers to pre-signed ResponseURLs. The URL is a bearer credential: only its scheme, host and path are ever
/// logged or put in an exception message.
/// </summary>
internal sealed class CloudFormationResponder : ICloudFormationResponder
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The bound of the one attempt made after the caller's time has already run out. The invocation's time budget
    /// guarantees every answer at least this long.
    /// </summary>
    public static readonly TimeSpan FirstAttemptFloor = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly ILog _log;
    private readonly Backoff _backoff;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeProvider _time;

    /// <param name="http">Used as is; each attempt is bounded by <paramref name="attemptTimeout"/> and the caller's token.</param>
    /// <param name="log">Receives one line per failed attempt.</param>
    /// <param name="backoff">Waits between attempts; defaults to full jitter from 100 ms up to 2 s.</param>
    /// <param name="attemptTimeout">Bounds one PUT; defaults to <see cref="DefaultAttemptTimeout"/>.</param>
    /// <param name="time">The clock for waits and timeouts.</param>
    public CloudFormationResponder(HttpClient http, ILog log, Backoff? backoff = null, TimeSpan? attemptTimeout = null, TimeProvider? time = null)
    {
        _http = http;
        _log = log;
        _backoff = backoff ?? new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        _attemptTimeout = attemptTimeout ?? DefaultAttemptTimeout;
        _time = time ?? TimeProvider.System;
    }

    public async Task SendAsync(string responseUrl, CloudFormationResponse response, CancellationToken cancellationToken)
    {
        var target = LogRedactor.StripToSchemeHostPath(responseUrl);
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri))
        {
            throw new ResponseDeliveryException($"The ResponseURL ({target}) is not an absolute URL.");
        }

        var body = CloudFormationResponseSerializer.Serialize(response);
        var attempts = 0;
        var lastProblem = "no attempt was made";
        Exception? lastException = null;

        // One attempt is made whatever the token says: an answer tried late may still arrive, one never tried cannot.
        // It is then bounded by its own timer alone, at most FirstAttemptFloor.
        do
        {
            attempts++;
            var lateFirstAttempt = attempts == 1 && cancellationToken.IsCancellationRequested;
            using (var attemptTimer = new CancellationTokenSource(lateFirstAttempt && FirstAttemptFloor < _attemptTimeout ? FirstAttemptFloor : _attemptTimeout, _time))
            using (var attempt = lateFirstAttempt
                ? CancellationTokenSource.CreateLinkedTokenSource(attemptTimer.Token)
                : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimer.Token))
            {
                try
                {
                    var status = await PutAsync(uri, body, attempt.Token);
                    // Only a 2xx stored the answer: a redirect or an error page did not.
                    if (status is >= 200 and < 300)
                    {
                        _log.Write(
                            LogLevel.Debug,
                            "CloudFormation accepted the answer.",
                            new("responseTarget", target),
                            new("attempts", attempts),
                            new("bodyBytes", body.Length));
                        return;
                    }

                    lastProblem = $"HTTP {status}";
                    lastException = null;
                }
                catch (OperationCanceledException exception) when (attemptTimer.IsCancellationRequested)
                {
                    lastProblem = $"no answer within {(lateFirstAttempt ? FirstAttemptFloor : _attemptTimeout).TotalMilliseconds:0} ms";
                    lastException = exception;
                }
                catch (OperationCanceledException exception)
                {
                    // The deadline says less than the failure before it, which stays in the message.
                    lastProblem = attempts > 1 ? $"the time ran out during an attempt; the one before failed with {lastProblem}" : "the time ran out during an attempt";
                    lastException = exception;
                    break;
                }
                catch (HttpRequestException exception)
                {
                    lastProblem = LogRedactor.Redact(exception.Message);
                    lastException = exception;
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            _log.Write(
                LogLevel.Warn,
                "Delivering the answer to CloudFormation failed; retrying.",
                new("responseTarget", target),
                new("attempt", attempts),
                new("problem", lastProblem));
            try
            {
                await Task.Delay(_backoff.DelayBeforeRetry(attempts - 1), _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        while (!cancellationToken.IsCancellationRequested);

        throw new ResponseDeliveryException(
            $"CloudFormation did not accept the answer at {target} after {attempts} attempt(s): {lastProblem}.",
            lastException);
    }

    private async Task<int> PutAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        // No Content-Type at all: the URL is signed without one, and S3 rejects a signature that does not match.
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = null;
        content.Headers.ContentLength = body.Length;
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)answer.StatusCode;
    }
}
