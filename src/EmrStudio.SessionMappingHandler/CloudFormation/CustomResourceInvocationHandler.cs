using System.Text;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Runtime;

namespace EmrStudio.SessionMappingHandler.CloudFormation;

/// <summary>
/// Turns one Lambda invocation into exactly one CloudFormation answer, delivered before the Lambda deadline.
/// </summary>
/// <remarks>
/// Time budget, from the invocation's deadline: the provider's token ends at <c>deadline - reserve</c>, where
/// <c>reserve = min(10 s, max(4 s, 20% of the time remaining when the event arrives))</c>. The provider may then take
/// <see cref="ProviderCleanupAllowance"/> (2 s) to undo work it could not confirm (its contract); a provider still
/// running after that is abandoned and answered FAILED, and if it finishes before the deadline its undo runs. What is
/// left, at least <see cref="MinDeliveryTime"/> (2 s), is the answer's: the PUT's token ends
/// <see cref="DeliveryMargin"/> (250 ms) before the deadline, or, when the outcome carries an undo, halfway through the
/// answer's time, so that the undo still has time if delivery fails. An outcome that the handler has to overrule into
/// FAILED (a success without a valid PhysicalResourceId, an unknown status) has its undo run after the answer, since
/// CloudFormation never learns of what it made.
/// </remarks>
internal sealed class CustomResourceInvocationHandler : IInvocationHandler
{
    /// <summary>
    /// The PhysicalResourceId of a Create that failed before the provider could name anything: never the id of a
    /// real resource, so the Delete that CloudFormation sends for it touches nothing.
    /// </summary>
    public const string FailedCreatePhysicalResourceId = "EmrStudioSessionMapping-CreateFailed";

    public const string OutcomeSuccess = "SUCCESS";
    public const string OutcomeFailed = "FAILED";
    public const string OutcomeUndelivered = "UNDELIVERED";
    public const string OutcomeMalformed = "MALFORMED";

    /// <summary>CloudFormation's limit on a PhysicalResourceId.</summary>
    public const int MaxPhysicalResourceIdBytes = 1024;

    /// <summary>How long a provider may go on after its token ends, to undo work it could not confirm.</summary>
    public static readonly TimeSpan ProviderCleanupAllowance = TimeSpan.FromSeconds(2);

    /// <summary>The least time the answer gets once the provider is done: PUT attempts with retries, on a loaded host.</summary>
    public static readonly TimeSpan MinDeliveryTime = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MinAnswerReserve = ProviderCleanupAllowance + MinDeliveryTime;
    public static readonly TimeSpan MaxAnswerReserve = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DeliveryMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>Left after the undo, so that reporting the error to the Runtime API still happens in time.</summary>
    public static readonly TimeSpan UndoMargin = TimeSpan.FromMilliseconds(50);

    private const double AnswerReserveFraction = 0.2;

    private readonly ICustomResourceProvider _provider;
    private readonly ICloudFormationResponder _responder;
    private readonly ILog _log;
    private readonly TimeProvider _time;

    public CustomResourceInvocationHandler(ICustomResourceProvider provider, ICloudFormationResponder responder, ILog log, TimeProvider? time = null)
    {
        _provider = provider;
        _responder = responder;
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The time kept back from the provider for its clean-up and the answer: 20% of what remains, within [4 s, 10 s].</summary>
    public static TimeSpan AnswerReserve(TimeSpan remaining)
    {
        var share = remaining * AnswerReserveFraction;
        return share < MinAnswerReserve ? MinAnswerReserve : share > MaxAnswerReserve ? MaxAnswerReserve : share;
    }

    public async Task HandleAsync(ReadOnlyMemory<byte> eventBody, InvocationContext context, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        CloudFormationRequest request;
        try
        {
            request = CloudFormationRequestParser.Parse(eventBody);
        }
        catch (MalformedEventException exception)
        {
            _log.Write(
                LogLevel.Error,
                "The event cannot be answered.",
                new("lambdaRequestId", context.AwsRequestId),
                new("outcome", OutcomeMalformed),
                new("error", exception.Message),
                new("durationMs", ElapsedMs(started)));
            throw;
        }

        var deadline = context.Deadline;
        var reserve = AnswerReserve(deadline - _time.GetUtcNow());
        var deliveryTime = reserve - ProviderCleanupAllowance;
        var (provided, abandoned) = await RunProviderAsync(request, deadline - reserve, deadline - deliveryTime, cancellationToken);
        var outcome = Sanitize(request, provided);

        // The provider reported success (or nonsense) but the answer says FAILED: CloudFormation will never learn of
        // what the provider made, so it is undone whether or not the answer arrives.
        var overruled = provided.Status != ResponseStatus.Failed && outcome.Status == ResponseStatus.Failed;

        var response = new CloudFormationResponse
        {
            Status = outcome.Status,
            Reason = outcome.Reason,
            PhysicalResourceId = outcome.PhysicalResourceId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
            Data = outcome.Data,
        };

        var deliveryMargin = outcome.UndoIfUndelivered is null || deliveryTime / 2 < DeliveryMargin ? DeliveryMargin : deliveryTime / 2;
        try
        {
            using var deliveryTimer = new CancellationTokenSource(Until(deadline - deliveryMargin), _time);
            using var delivery = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deliveryTimer.Token);
            await _responder.SendAsync(request.ResponseUrl, response, delivery.Token);
        }
        catch (Exception exception)
        {
            // Whatever stopped the answer (the responder's own failure or anything unforeseen), CloudFormation does
            // not have it: undo, then report the invocation as failed.
            var undo = await UndoAsync(outcome.UndoIfUndelivered, deadline, cancellationToken);
            var late = await CleanUpAbandonedAsync(abandoned, deadline, cancellationToken);
            var error = LogRedactor.Redact(exception.Message);
            WriteOutcome(LogLevel.Error, context, request, outcome, OutcomeUndelivered, started, error, undo, late);
            if (exception is ResponseDeliveryException)
            {
                throw;
            }

            throw new ResponseDeliveryException($"The answer was not delivered ({exception.GetType().Name}): {error}", exception);
        }

        var undoAfterAnswer = overruled ? await UndoAsync(provided.UndoIfUndelivered, deadline, cancellationToken) : null;
        var lateCleanUp = await CleanUpAbandonedAsync(abandoned, deadline, cancellationToken);
        WriteOutcome(
            outcome.Status == ResponseStatus.Success ? LogLevel.Info : LogLevel.Warn,
            context,
            request,
            outcome,
            outcome.Status,
            started,
            error: null,
            undoAfterAnswer,
            lateCleanUp);
    }

    /// <returns>The outcome to answer, and the provider's task when it had to be abandoned (it ignored its token).</returns>
    private async Task<(CustomResourceOutcome Outcome, Task<CustomResourceOutcome>? Abandoned)> RunProviderAsync(
        CloudFormationRequest request,
        DateTimeOffset providerDeadline,
        DateTimeOffset abandonAt,
        CancellationToken cancellationToken)
    {
        using var providerTimer = new CancellationTokenSource(Until(providerDeadline), _time);
        using var providerToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, providerTimer.Token);
        Task<CustomResourceOutcome> running;
        try
        {
            running = _provider.ExecuteAsync(request, providerToken.Token);
        }
        catch (Exception exception)
        {
            // The Reason is shown in the stack's events to anyone who can read the stack: redacted like a log line.
            return (FailedOutcome(request, $"Internal error ({exception.GetType().Name}): {LogRedactor.Redact(exception.Message)}"), null);
        }

        try
        {
            // The provider promises never to throw and to honour its token; both are guarded anyway, because a
            // missing answer costs the stack an hour-long wait.
            return (await running.WaitAsync(Until(abandonAt), _time, cancellationToken), null);
        }
        catch (TimeoutException)
        {
            return (FailedOutcome(request, "The request did not finish before the Lambda deadline."), running);
        }
        catch (Exception exception)
        {
            return (FailedOutcome(request, $"Internal error ({exception.GetType().Name}): {LogRedactor.Redact(exception.Message)}"), running.IsCompleted ? null : running);
        }
    }

    /// <summary>
    /// A provider that ignored its token may still create something after the FAILED answer went out: it gets until
    /// the deadline to finish, and whatever it made is undone.
    /// </summary>
    private async Task<string?> CleanUpAbandonedAsync(Task<CustomResourceOutcome>? abandoned, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (abandoned is null)
        {
            return null;
        }

        try
        {
            var late = await abandoned.WaitAsync(Until(deadline - UndoMargin), _time, cancellationToken);
            return late.UndoIfUndelivered is null ? "finished late, nothing to undo" : "finished late, undo " + await UndoAsync(late.UndoIfUndelivered, deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return "still running at the deadline";
        }
        catch (Exception exception)
        {
            return $"failed late ({exception.GetType().Name})";
        }
    }

    private async Task<string> UndoAsync(Func<CancellationToken, Task>? undo, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (undo is null)
        {
            return "none";
        }

        try
        {
            using var undoTimer = new CancellationTokenSource(Until(deadline - UndoMargin), _time);
            using var undoToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, undoTimer.Token);
            await undo(undoToken.Token);
            return "done";
        }
        catch (Exception exception)
        {
            return $"failed ({exception.GetType().Name})";
        }
    }

    /// <summary>Repairs an outcome that CloudFormation would reject, so that the one answer is always a valid one.</summary>
    private static CustomResourceOutcome Sanitize(CloudFormationRequest request, CustomResourceOutcome outcome)
    {
        if (outcome.Status is not (ResponseStatus.Success or ResponseStatus.Failed))
        {
            return FailedOutcome(request, "Internal error: the request ended with no valid status.", outcome);
        }

        if (!IsUsablePhysicalResourceId(outcome.PhysicalResourceId))
        {
            return FailedOutcome(request, "Internal error: the request ended with no valid PhysicalResourceId.", outcome);
        }

        if (outcome.Status == ResponseStatus.Failed && string.IsNullOrWhiteSpace(outcome.Reason))
        {
            return outcome with { Reason = "The request failed for an unknown reason." };
        }

        return outcome;
    }

    private static CustomResourceOutcome FailedOutcome(CloudFormationRequest request, string reason, CustomResourceOutcome? original = null) => new()
    {
        Status = ResponseStatus.Failed,
        Reason = reason,
        PhysicalResourceId = FallbackPhysicalResourceId(request),
        UndoIfUndelivered = original?.UndoIfUndelivered,
        LogFields = original?.LogFields,
    };

    // A failed Create must not name a resource; a failed Update or Delete keeps the id CloudFormation sent.
    private static string FallbackPhysicalResourceId(CloudFormationRequest request) =>
        request.RequestType != "Create" && IsUsablePhysicalResourceId(request.PhysicalResourceId)
            ? request.PhysicalResourceId!
            : FailedCreatePhysicalResourceId;

    private static bool IsUsablePhysicalResourceId(string? id) =>
        !string.IsNullOrEmpty(id) && Encoding.UTF8.GetByteCount(id) <= MaxPhysicalResourceIdBytes;

    private TimeSpan Until(DateTimeOffset instant)
    {
        var left = instant - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private long ElapsedMs(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private void WriteOutcome(
        LogLevel level,
        InvocationContext context,
        CloudFormationRequest request,
        CustomResourceOutcome outcome,
        string result,
        long started,
        string? error,
        string? undo,
        string? abandonedProvider)
    {
        var fields = new List<KeyValuePair<string, object?>>(12 + (outcome.LogFields?.Count ?? 0))
        {
            new("lambdaRequestId", context.AwsRequestId),
            new("stackId", request.StackId),
            new("logicalResourceId", request.LogicalResourceId),
            new("requestType", request.RequestType),
            new("physicalResourceId", outcome.PhysicalResourceId),
            new("outcome", result),
            new("durationMs", ElapsedMs(started)),
        };
        if (outcome.Status == ResponseStatus.Failed)
        {
            fields.Add(new("reason", outcome.Reason));
        }

        if (error is not null)
        {
            fields.Add(new("error", error));
        }

        if (undo is not null)
        {
            fields.Add(new("undo", undo));
        }

        if (abandonedProvider is not null)
        {
            fields.Add(new("abandonedProvider", abandonedProvider));
        }

        if (outcome.LogFields is not null)
        {
            fields.AddRange(outcome.LogFields);
        }

        _log.Write(level, "Custom resource event handled.", [.. fields]);
    }
}
