using EmrStudio.SessionMappingHandler.Helpers;
using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.CloudFormation;

/// <summary>
/// PUTs answers to pre-signed ResponseURLs. The URL is a bearer credential: only its scheme, host and path are ever
/// logged or put in an exception message.
/// </summary>
internal sealed class CloudFormationResponder : ICloudFormationResponder
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

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
        var lastProblem = "no time was left for an attempt";
        Exception? lastException = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            attempts++;
            using (var attemptTimer = new CancellationTokenSource(_attemptTimeout, _time))
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimer.Token))
            {
                try
                {
                    var status = await PutAsync(uri, body, attempt.Token);
                    if (status < 400)
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
                catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    lastProblem = $"no answer within {_attemptTimeout.TotalMilliseconds:0} ms";
                    lastException = exception;
                }
                catch (OperationCanceledException exception)
                {
                    lastProblem = "the time ran out during an attempt";
                    lastException = exception;
                    break;
                }
                catch (HttpRequestException exception)
                {
                    lastProblem = LogRedactor.Redact(exception.Message);
                    lastException = exception;
                }
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
