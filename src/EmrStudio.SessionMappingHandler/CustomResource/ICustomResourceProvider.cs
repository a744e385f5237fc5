using EmrStudio.SessionMappingHandler.CustomResource.Request;


namespace EmrStudio.SessionMappingHandler.CustomResource;

/// <summary>
/// The resource-specific logic behind a custom resource. The CloudFormation layer parses the event, calls this,
/// and delivers the answer; it knows nothing of what the resource is.
/// </summary>
internal interface ICustomResourceProvider
{
    /// <summary>
    /// Carries out one Create, Update or Delete and says what to answer. Never throws for bad input or for a failed
    /// call: those become a FAILED outcome. The token ends when the answer must be sent; work that must still be
    /// undone then (a compensating delete) may take <paramref name="cleanupAllowance"/> longer, and no more.
    /// </summary>
    Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, TimeSpan cleanupAllowance, CancellationToken cancellationToken);
}
