using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Platform;
using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.SessionMappingHandler.Text;


namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>
/// The custom runtime's main loop: take the next event, hand it to the handler, report the result, repeat. One
/// failing event is reported to <c>/error</c> and never ends the process; only the Runtime API itself can (a 500, or
/// being unreachable for several attempts in a row).
/// </summary>
internal sealed class InvocationLoop
{
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Returned by <see cref="RunAsync"/> when the stop token ended the loop.</summary>
    public const int StoppedExitCode = 0;

    /// <summary>Returned by <see cref="RunAsync"/> when the Runtime API asked for (or forced) an exit.</summary>
    public const int RuntimeApiExitCode = 1;

    /// <summary>Consecutive failures of <c>/next</c> (other than a 500) after which the process gives up.</summary>
    public const int MaxConsecutiveNextFailures = 5;

    private const int MaxErrorMessageLength = 4096;

    private static readonly ReadOnlyMemory<byte> SuccessBody = "{}"u8.ToArray();

    private readonly IRuntimeApiClient _runtime;
    private readonly IInvocationHandler _handler;
    private readonly IEnvironment _environment;
    private readonly ILog _log;
    private readonly Backoff _nextRetryBackoff;
    private readonly TimeProvider _time;

    public InvocationLoop(
        IRuntimeApiClient runtime,
        IInvocationHandler handler,
        IEnvironment environment,
        ILog log,
        Backoff? nextRetryBackoff = null,
        TimeProvider? time = null)
    {
        _runtime = runtime;
        _handler = handler;
        _environment = environment;
        _log = log;
        _nextRetryBackoff = nextRetryBackoff ?? new Backoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs until <paramref name="stopToken"/> is cancelled (<see cref="StoppedExitCode"/>) or the Runtime API says
    /// stop (<see cref="RuntimeApiExitCode"/>). The result is the process exit code.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stopToken)
    {
        var consecutiveNextFailures = 0;
        while (!stopToken.IsCancellationRequested)
        {
            RuntimeInvocation invocation;
            try
            {
                invocation = await _runtime.GetNextInvocationAsync(stopToken);
                consecutiveNextFailures = 0;
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
                return StoppedExitCode;
            }
            catch (RuntimeApiFatalException exception)
            {
                _log.Write(LogLevel.Error, "The Runtime API asked the process to exit.", Field("error", exception.Message));
                return RuntimeApiExitCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or RuntimeApiException or IOException)
            {
                consecutiveNextFailures++;
                _log.Write(
                    LogLevel.Warn,
                    "Could not fetch the next event.",
                    Field("error", exception.Message),
                    Field("consecutiveFailures", consecutiveNextFailures));
                if (consecutiveNextFailures >= MaxConsecutiveNextFailures)
                {
                    return RuntimeApiExitCode;
                }

                try
                {
                    await Task.Delay(_nextRetryBackoff.DelayBeforeRetry(consecutiveNextFailures - 1), _time, stopToken);
                }
                catch (OperationCanceledException)
                {
                    return StoppedExitCode;
                }

                continue;
            }

            if (!await HandleOneAsync(invocation, stopToken))
            {
                return RuntimeApiExitCode;
            }
        }

        return StoppedExitCode;
    }

    /// <returns>False when the Runtime API asked the process to exit.</returns>
    private async Task<bool> HandleOneAsync(RuntimeInvocation invocation, CancellationToken stopToken)
    {
        var context = invocation.Context;
        // Set even when absent, so that one event's trace never leaks into the next event's outbound calls.
        _environment.SetVariable(TraceIdVariable, context.TraceId);

        Exception? failure = null;
        try
        {
            await _handler.HandleAsync(invocation.Body, context, stopToken);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        try
        {
            if (failure is null)
            {
                await _runtime.PostResponseAsync(context.AwsRequestId, SuccessBody, stopToken);
            }
            else
            {
                var error = ToErrorBody(failure);
                _log.Write(
                    LogLevel.Error,
                    "The invocation failed.",
                    Field("lambdaRequestId", context.AwsRequestId),
                    Field("errorType", error.ErrorType),
                    Field("error", error.ErrorMessage));
                await _runtime.PostInvocationErrorAsync(context.AwsRequestId, error, stopToken);
            }
        }
        catch (RuntimeApiFatalException exception)
        {
            _log.Write(LogLevel.Error, "The Runtime API asked the process to exit.", Field("error", exception.Message));
            return false;
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or RuntimeApiException or IOException)
        {
            // The result is lost for this event, but the next /next tells whether the Runtime API is still usable.
            _log.Write(
                LogLevel.Warn,
                "Could not report the invocation result.",
                Field("lambdaRequestId", context.AwsRequestId),
                Field("error", exception.Message));
        }

        return true;
    }

    /// <summary>
    /// The error reported to Lambda. The message is redacted like a log line (it ends up in Lambda's logs and
    /// failure destinations); the stack trace stays empty because it says nothing useful in an AOT binary.
    /// </summary>
    internal static RuntimeErrorBody ToErrorBody(Exception exception)
    {
        var message = Utf16Text.Truncate(LogRedactor.Redact(exception.Message), MaxErrorMessageLength);

        return new RuntimeErrorBody { ErrorMessage = message, ErrorType = exception.GetType().Name, StackTrace = [] };
    }

    private static KeyValuePair<string, object?> Field(string name, object? value) => new(name, value);
}
