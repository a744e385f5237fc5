namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>The <c>SessionMapping</c> member of GetStudioSessionMapping's result. Times are epoch seconds.</summary>
internal sealed class SessionMappingDetail
{
    public string? StudioId { get; init; }

    public string? IdentityId { get; init; }

    public string? IdentityName { get; init; }

    public string? IdentityType { get; init; }

    public string? SessionPolicyArn { get; init; }

    public double? CreationTime { get; init; }

    public double? LastModifiedTime { get; init; }
}
