using System.Collections.Concurrent;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A provider whose behaviour each test writes; it records the requests it saw.</summary>
internal sealed class ScriptedProvider : ICustomResourceProvider
{
    private readonly Func<CloudFormationRequest, CancellationToken, Task<CustomResourceOutcome>> _execute;
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedProvider(Func<CloudFormationRequest, CancellationToken, Task<CustomResourceOutcome>> execute)
    {
        _execute = execute;
    }

    public ConcurrentQueue<CloudFormationRequest> Requests { get; } = new();

    /// <summary>The clean-up allowance each call was given, in order.</summary>
    public ConcurrentQueue<TimeSpan> CleanupAllowances { get; } = new();

    /// <summary>Completes once the provider has been called: the CloudFormation layer has armed its timers by then.</summary>
    public Task WaitForCallAsync() => _called.Task.Guarded();

    public static ScriptedProvider Answering(CustomResourceOutcome outcome) => new((_, _) => Task.FromResult(outcome));

    public static ScriptedProvider Succeeding(string physicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/90676d2f") =>
        Answering(new CustomResourceOutcome { Status = ResponseStatus.Success, PhysicalResourceId = physicalResourceId });

    public Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, TimeSpan cleanupAllowance, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        CleanupAllowances.Enqueue(cleanupAllowance);
        _called.TrySetResult();
        return _execute(request, cancellationToken);
    }
}
