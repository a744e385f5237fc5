using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Records;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>What an operation did (<see cref="Action"/>) and what to answer CloudFormation (<see cref="Outcome"/>).</summary>
internal sealed record MappingResult(MappingAction Action, CustomResourceOutcome Outcome)
{
    /// <summary>The stack's status, when CloudFormation was asked for it.</summary>
    public string? StackStatus { get; init; }

    /// <summary>
    /// The mapping the resource now has, for the record: set by a success that EMR answered before the record could be
    /// written (a create, a re-create, a takeover, an unchanged policy). Null when there is nothing to record or the
    /// operation wrote the record itself.
    /// </summary>
    public DesiredMapping? Desired { get; init; }

    /// <summary>The operation wrote the record itself, before its EMR call (a Delete, a policy changed in place).</summary>
    public bool RecordWritten { get; init; }

    public bool Succeeded => Outcome.Status == ResponseStatus.Success;

    /// <summary>
    /// A success that leaves <paramref name="id"/> as the resource's mapping, as EMR described it in
    /// <paramref name="detail"/>: its attributes answer CloudFormation and its desired state goes into the record.
    /// </summary>
    public static MappingResult Mapped(
        MappingAction action, MappingId id, SessionMappingDetail detail, SessionMappingProperties properties, Func<CancellationToken, Task>? undoIfUndelivered = null) =>
        Success(action, id.Value, MappingAttributes.From(id, detail, properties), undoIfUndelivered) with
        {
            Desired = new DesiredMapping(id.StudioId, properties.StudioName, id.IdentityType, id.IdentityId, detail.IdentityName ?? properties.IdentityName, properties.SessionPolicyArn),
        };

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
