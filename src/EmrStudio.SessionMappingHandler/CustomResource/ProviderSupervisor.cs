using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Logging;


namespace EmrStudio.SessionMappingHandler.CustomResource;

/// <summary>
/// Runs the provider within its share of an <see cref="AnswerBudget"/> and keeps its promises for it: an exception
/// or a provider that outlives its token becomes a FAILED outcome, an abandoned provider that finishes late has its
/// work undone, and an undo never outlives the deadline.
/// </summary>
internal sealed class ProviderSupervisor
{
    private readonly ICustomResourceProvider _provider;
    private readonly TimeProvider _time;

    public ProviderSupervisor(ICustomResourceProvider provider, TimeProvider time)
    {
        _provider = provider;
        _time = time;
    }

    /// <returns>The outcome to answer, and the provider's task when it had to be abandoned (it ignored its token).</returns>
    public async Task<(CustomResourceOutcome Outcome, Task<CustomResourceOutcome>? Abandoned)> RunAsync(
        CloudFormationRequest request, AnswerBudget budget, CancellationToken cancellationToken)
    {
        using var providerTimer = new CancellationTokenSource(Until(budget.ProviderDeadline), _time);
        using var providerToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, providerTimer.Token);
        Task<CustomResourceOutcome> running;
        try
        {
            running = _provider.ExecuteAsync(request, budget.CleanupAllowance, providerToken.Token);
        }
        catch (Exception exception)
        {
            return (Failed(request, InternalError(exception)), null);
        }

        try
        {
            // The provider promises never to throw and to honour its token; both are guarded anyway, because a
            // missing answer costs the stack an hour-long wait.
            return (await running.WaitAsync(Until(budget.AbandonAt), _time, cancellationToken), null);
        }
        catch (TimeoutException)
        {
            return (Failed(request, "The request did not finish before the Lambda deadline."), running);
        }
        catch (Exception exception)
        {
            return (Failed(request, InternalError(exception)), running.IsCompleted ? null : running);
        }
    }

    /// <summary>
    /// A provider that ignored its token may still create something after the FAILED answer went out: it gets until
    /// the deadline to finish, and whatever it made is undone. Says what happened, for the log; null when nothing was abandoned.
    /// </summary>
    public async Task<string?> CleanUpAbandonedAsync(Task<CustomResourceOutcome>? abandoned, AnswerBudget budget, CancellationToken cancellationToken)
    {
        if (abandoned is null)
        {
            return null;
        }

        try
        {
            var late = await abandoned.WaitAsync(Until(budget.UndoEnd), _time, cancellationToken);
            return late.UndoIfUndelivered is null ? "finished late, nothing to undo" : "finished late, undo " + await UndoAsync(late.UndoIfUndelivered, budget, cancellationToken);
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

    /// <summary>Runs <paramref name="undo"/> until the budget's undo deadline; says how it went, for the log.</summary>
    public async Task<string> UndoAsync(Func<CancellationToken, Task>? undo, AnswerBudget budget, CancellationToken cancellationToken)
    {
        if (undo is null)
        {
            return "none";
        }

        try
        {
            using var undoTimer = new CancellationTokenSource(Until(budget.UndoEnd), _time);
            using var undoToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, undoTimer.Token);
            await undo(undoToken.Token);
            return "done";
        }
        catch (Exception exception)
        {
            return $"failed ({exception.GetType().Name})";
        }
    }

    public static CustomResourceOutcome Failed(CloudFormationRequest request, string reason, CustomResourceOutcome? original = null) => new()
    {
        Status = ResponseStatus.Failed,
        Reason = reason,
        PhysicalResourceId = PhysicalResourceIds.FallbackFor(request),
        UndoIfUndelivered = original?.UndoIfUndelivered,
        LogFields = original?.LogFields,
    };

    // The Reason is shown in the stack's events to anyone who can read the stack: redacted like a log line.
    private static string InternalError(Exception exception) => $"Internal error ({exception.GetType().Name}): {LogRedactor.Redact(exception.Message)}";

    private TimeSpan Until(DateTimeOffset instant)
    {
        var left = instant - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
