using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// The SDK's standard credential chain, resolved on the first signature rather than at start-up, so that a process
/// that never calls EMR never pays for it. The resolved provider keeps its own caching and refresh.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    // PublicationOnly does not cache a failure: credentials that appear later (a refreshed container) still work.
    private readonly Lazy<AWSCredentials> _resolved =
        new(() => DefaultAWSCredentialsIdentityResolver.GetCredentials(null), LazyThreadSafetyMode.PublicationOnly);

    public override ImmutableCredentials GetCredentials() => _resolved.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => _resolved.Value.GetCredentialsAsync();
}
