using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Runtime;


namespace EmrStudio.SessionMappingHandler.CustomResource;

/// <summary>
/// Turns one Lambda invocation into exactly one CloudFormation answer, delivered before the Lambda deadline, and
/// only for an event that <see cref="EventAdmission"/> admits: one CloudFormation could have sent this function and
/// still waits for. Time is shared as <see cref="AnswerBudget"/> says.
/// </summary>
/// <remarks>
/// An outcome that the handler has to overrule into FAILED (a success without a valid PhysicalResourceId, an unknown
/// status) has its undo run after the answer, since CloudFormation never learns of what it made. An answer that
/// cannot be delivered has its undo run too, and the invocation is reported to Lambda as failed.
/// </remarks>
internal sealed class CustomResourceInvocationHandler : IInvocationHandler
{
    public const string OutcomeUndelivered = "UNDELIVERED";
    public const string OutcomeMalformed = "MALFORMED";
    public const string OutcomeRefused = "REFUSED";

    private readonly ProviderSupervisor _supervisor;
    private readonly ICloudFormationResponder _responder;
    private readonly EventAdmission _admission;
    private readonly ILog _log;
    private readonly TimeProvider _time;

    public CustomResourceInvocationHandler(
        ICustomResourceProvider provider, ICloudFormationResponder responder, EventAdmission admission, ILog log, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _supervisor = new ProviderSupervisor(provider, _time);
        _responder = responder;
        _admission = admission;
        _log = log;
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

        var budget = AnswerBudget.For(context.Deadline, _time.GetUtcNow());
        var (provided, abandoned) = await AdmitAndRunAsync(request, context, budget, started, cancellationToken);
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

        try
        {
            var now = _time.GetUtcNow();
            using var deliveryTimer = new CancellationTokenSource(budget.DeliveryEnd(outcome.UndoIfUndelivered is not null, now) - now, _time);
            using var delivery = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deliveryTimer.Token);
            await _responder.SendAsync(request.ResponseUrl, response, delivery.Token);
        }
        catch (Exception exception)
        {
            // Whatever stopped the answer (the responder's own failure or anything unforeseen), CloudFormation does
            // not have it: undo, then report the invocation as failed.
            var undo = await _supervisor.UndoAsync(outcome.UndoIfUndelivered, budget, cancellationToken);
            var late = await _supervisor.CleanUpAbandonedAsync(abandoned, budget, cancellationToken);
            var error = LogRedactor.Redact(exception.Message);
            WriteOutcome(LogLevel.Error, context, request, outcome, OutcomeUndelivered, started, error, undo, late);
            if (exception is ResponseDeliveryException)
            {
                throw;
            }

            throw new ResponseDeliveryException($"The answer was not delivered ({exception.GetType().Name}): {error}", exception);
        }

        var undoAfterAnswer = overruled ? await _supervisor.UndoAsync(provided.UndoIfUndelivered, budget, cancellationToken) : null;
        var lateCleanUp = await _supervisor.CleanUpAbandonedAsync(abandoned, budget, cancellationToken);
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

    /// <summary>The provider's outcome for an admitted event; a FAILED one, without the provider, for a refused one.</summary>
    private async Task<(CustomResourceOutcome Outcome, Task<CustomResourceOutcome>? Abandoned)> AdmitAndRunAsync(
        CloudFormationRequest request, InvocationContext context, AnswerBudget budget, long started, CancellationToken cancellationToken)
    {
        if (_admission.Check(request, context) is not { } refusal)
        {
            return await _supervisor.RunAsync(request, budget, cancellationToken);
        }

        _log.Write(
            LogLevel.Warn,
            "The event was refused: it is not one CloudFormation could have sent this function, or CloudFormation no longer waits for it.",
            new("lambdaRequestId", context.AwsRequestId),
            new("refusedBy", refusal.Check),
            new("reason", refusal.Reason),
            new("responseTarget", LogRedactor.StripToSchemeHostPath(request.ResponseUrl)),
            new("outcome", refusal.CanAnswer ? ResponseStatus.Failed : OutcomeRefused),
            new("durationMs", ElapsedMs(started)));
        return refusal.CanAnswer
            ? (ProviderSupervisor.Failed(request, refusal.Reason), null)
            : throw new RefusedEventException(refusal.Reason);
    }

    /// <summary>Repairs an outcome that CloudFormation would reject, so that the one answer is always a valid one.</summary>
    private static CustomResourceOutcome Sanitize(CloudFormationRequest request, CustomResourceOutcome outcome)
    {
        if (outcome.Status is not (ResponseStatus.Success or ResponseStatus.Failed))
        {
            return ProviderSupervisor.Failed(request, "Internal error: the request ended with no valid status.", outcome);
        }

        if (!PhysicalResourceIds.IsUsable(outcome.PhysicalResourceId))
        {
            return ProviderSupervisor.Failed(request, "Internal error: the request ended with no valid PhysicalResourceId.", outcome);
        }

        if (outcome.Status == ResponseStatus.Failed && string.IsNullOrWhiteSpace(outcome.Reason))
        {
            return outcome with { Reason = "The request failed for an unknown reason." };
        }

        return outcome;
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
        AddIfSet(fields, "reason", outcome.Status == ResponseStatus.Failed ? outcome.Reason : null);
        AddIfSet(fields, "error", error);
        AddIfSet(fields, "undo", undo);
        AddIfSet(fields, "abandonedProvider", abandonedProvider);
        if (outcome.LogFields is not null)
        {
            fields.AddRange(outcome.LogFields);
        }

        _log.Write(level, "Custom resource event handled.", [.. fields]);
    }

    private static void AddIfSet(List<KeyValuePair<string, object?>> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(new(name, value));
        }
    }
}
