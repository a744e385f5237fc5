namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A session mapping as the in-memory EMR keeps it.</summary>
internal sealed class StoredMapping
{
    public required string StudioId { get; init; }

    public required string IdentityType { get; init; }

    public required string IdentityId { get; init; }

    public required string SessionPolicyArn { get; set; }

    public required DateTimeOffset CreationTime { get; init; }

    public required DateTimeOffset LastModifiedTime { get; set; }
}
