using System.Diagnostics.CodeAnalysis;
using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>What <see cref="MappingCreator"/> achieved: a mapping that is now ours, or why not.</summary>
internal sealed class MappingCreation
{
    private MappingCreation(MappingCreationStatus status, MappingId? id, SessionMappingDetail? detail, string? failureReason)
    {
        Status = status;
        Id = id;
        Detail = detail;
        FailureReason = failureReason;
    }

    public MappingCreationStatus Status { get; }

    public MappingId? Id { get; }

    public SessionMappingDetail? Detail { get; }

    public string? FailureReason { get; }

    [MemberNotNullWhen(true, nameof(Id), nameof(Detail))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => Status is MappingCreationStatus.Created or MappingCreationStatus.Adopted;

    public static MappingCreation Ours(MappingCreationStatus status, MappingId id, SessionMappingDetail detail) =>
        new(status, id, detail, null);

    public static MappingCreation NotOurs(MappingCreationStatus status, string reason) => new(status, null, null, reason);
}
