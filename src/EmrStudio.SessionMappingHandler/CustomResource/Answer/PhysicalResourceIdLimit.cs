namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>
/// CloudFormation's limit on a PhysicalResourceId, on its own so that the construct library, which compiles
/// <c>MappingId</c> in to check imported ids, needs nothing else of the answer.
/// </summary>
internal static class PhysicalResourceIdLimit
{
    /// <summary>Counted in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;
}
