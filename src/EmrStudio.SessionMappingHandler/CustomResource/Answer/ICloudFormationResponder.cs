namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>Delivers the one answer for an event to its ResponseURL.</summary>
internal interface ICloudFormationResponder
{
    /// <summary>
    /// PUTs <paramref name="response"/> (cut to CloudFormation's 4096-byte limit), retrying failures with jittered
    /// backoff until the token ends; one bounded attempt is made even when it has already ended. Only a 2xx answer
    /// counts as delivered. Throws <see cref="ResponseDeliveryException"/> when no attempt was accepted.
    /// </summary>
    Task SendAsync(string responseUrl, CloudFormationResponse response, CancellationToken cancellationToken);
}
