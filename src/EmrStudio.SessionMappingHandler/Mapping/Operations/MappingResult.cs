using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>What an operation did (<see cref="Action"/>) and what to answer CloudFormation (<see cref="Outcome"/>).</summary>
internal sealed record MappingResult(MappingAction Action, CustomResourceOutcome Outcome)
{
    /// <summary>The stack's status, when CloudFormation was asked for it.</summary>
    public string? StackStatus { get; init; }

    public bool Succeeded => Outcome.Status == ResponseStatus.Success;

    public static MappingResult Success(
        MappingAction action, string physicalResourceId, Dictionary<string, string>? data = null, Func<CancellationToken, Task>? undoIfUndelivered = null) =>
        new(action, new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = physicalResourceId,
            Data = data,
            UndoIfUndelivered = undoIfUndelivered,
        });

    public static MappingResult Failed(MappingAction action, string physicalResourceId, string reason) =>
        new(action, new CustomResourceOutcome { Status = ResponseStatus.Failed, PhysicalResourceId = physicalResourceId, Reason = reason });

    /// <summary>The same result with its Reason, if it failed, behind <paramref name="prefix"/> (<c>"Create failed: "</c>).</summary>
    public MappingResult WithFailurePrefix(string prefix) =>
        Succeeded ? this : this with { Outcome = Outcome with { Reason = prefix + Outcome.Reason } };
}
