using Amazon.CDK;

namespace EmrStudio.Cdk;

/// <summary>The properties of a <see cref="StudioSessionMapping"/>.</summary>
public sealed class StudioSessionMappingProps
{
    /// <summary>The EMR Studio: an id such as <c>es-0123456789ABCDEFGHIJKLMNO</c> (a string converts implicitly), or a <c>CfnStudio</c>.</summary>
    public required StudioReference StudioId { get; init; }

    /// <summary>The user or group, by name or by Identity Store id, for example <c>StudioIdentity.Group("data-scientists")</c>.</summary>
    public required StudioIdentity Identity { get; init; }

    /// <summary>The session policy: a <c>ManagedPolicy</c> or a policy ARN (both convert implicitly), or any <c>IManagedPolicy</c> through <see cref="SessionPolicyReference.FromManagedPolicy"/>.</summary>
    public required SessionPolicyReference SessionPolicy { get; init; }

    /// <summary>What happens to the mapping when it leaves the stack; by default it is deleted (<see cref="RemovalPolicy.DESTROY"/>).</summary>
    public RemovalPolicy? RemovalPolicy { get; init; }
}
