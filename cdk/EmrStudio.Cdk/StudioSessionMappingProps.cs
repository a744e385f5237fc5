using Amazon.CDK;

namespace EmrStudio.Cdk;

/// <summary>The properties of a <see cref="StudioSessionMapping"/>.</summary>
public sealed class StudioSessionMappingProps
{
    /// <summary>
    /// The EMR Studio: an id such as <c>es-0123456789ABCDEFGHIJKLMNO</c> (a string converts implicitly), a <c>CfnStudio</c>,
    /// or a name through <see cref="StudioReference.FromName"/> (resolved by the handler where it runs).
    /// </summary>
    public required StudioReference StudioId { get; init; }

    /// <summary>The user or group, by name or by Identity Store id, for example <c>StudioIdentity.Group("data-scientists")</c>.</summary>
    public required StudioIdentity Identity { get; init; }

    /// <summary>The session policy: a <c>ManagedPolicy</c> or a policy ARN (both convert implicitly), or any <c>IManagedPolicy</c> through <see cref="SessionPolicyReference.FromManagedPolicy"/>.</summary>
    public required SessionPolicyReference SessionPolicy { get; init; }

    /// <summary>
    /// What happens to the mapping when it leaves the stack: deleted (<see cref="RemovalPolicy.DESTROY"/>, the default)
    /// or kept (<see cref="RemovalPolicy.RETAIN"/>). <see cref="RemovalPolicy.SNAPSHOT"/> fails the synth: CloudFormation
    /// rejects it for this resource type.
    /// </summary>
    public RemovalPolicy? RemovalPolicy { get; init; }

    /// <summary>
    /// Whether a Create, or a replacing Update, that finds this principal's mapping already in the studio takes it over
    /// (and sets its session policy to this one) instead of failing; default <see langword="false"/>. From then on the
    /// stack owns that mapping: deleting the resource, or the stack, removes a mapping the stack did not create, unless
    /// <see cref="RemovalPolicy"/> is <see cref="RemovalPolicy.RETAIN"/>.
    /// </summary>
    public bool AdoptExisting { get; init; }

    /// <summary>
    /// Settings of the stack's shared handler (memory, logging, role boundary and path, tags, VPC, studio scope,
    /// trusted accounts); default none. A stack has one handler: give the options to one mapping, or the same options
    /// to several.
    /// </summary>
    public StudioSessionMappingHandlerOptions? HandlerOptions { get; init; }
}
