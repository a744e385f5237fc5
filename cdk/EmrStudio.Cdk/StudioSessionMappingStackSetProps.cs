namespace EmrStudio.Cdk;

/// <summary>The properties of a <see cref="StudioSessionMappingStackSet"/>.</summary>
public sealed class StudioSessionMappingStackSetProps
{
    /// <summary>
    /// The StackSet's name: letters, digits and hyphens, starting with a letter, at most 128 characters. Renaming it
    /// replaces the StackSet, and so every stack instance with its handler and mappings.
    /// </summary>
    public required string StackSetName { get; init; }

    /// <summary>
    /// The organizational units (<c>ou-...</c>, or the root <c>r-...</c>) whose accounts get the mappings; the
    /// organization's management account never gets a stack instance, even when it is in one of them.
    /// </summary>
    public required IReadOnlyList<string> OrganizationalUnitIds { get; init; }

    /// <summary>The regions each account gets the mappings in; each region needs its code bucket (<see cref="CodeBucketPrefix"/>).</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>
    /// The name prefix of the code buckets: each stack instance reads the handler's zip from
    /// <c>&lt;prefix&gt;-&lt;its region&gt;</c>, which the organization's accounts may read. The code publisher creates
    /// and fills them.
    /// </summary>
    public required string CodeBucketPrefix { get; init; }

    /// <summary>
    /// The mappings of each stack instance, by construct id (which their logical ids derive from), in the same terms
    /// as a <see cref="StudioSessionMapping"/>'s; default none. Name the studio with
    /// <see cref="StudioReference.FromName"/> to have each account's handler resolve it there, and the policy with
    /// <see cref="SessionPolicyReference.FromName"/> to name each account's own policy. Give the handler's options to
    /// <see cref="HandlerOptions"/>, not to the mappings.
    /// </summary>
    public IReadOnlyDictionary<string, StudioSessionMappingProps>? Mappings { get; init; }

    /// <summary>
    /// The name under which each stack instance exports its handler's ServiceToken, so that the account's own stacks
    /// can declare mappings with it (unique per account and region); default none (no export). Without
    /// <see cref="Mappings"/>, required: an instance would otherwise deploy a handler that nothing uses.
    /// </summary>
    public string? ServiceTokenExportName { get; init; }

    /// <summary>
    /// Accounts to combine with the organizational units, by <see cref="AccountFilter"/>; default none (every account of
    /// the organizational units).
    /// </summary>
    public IReadOnlyList<string>? Accounts { get; init; }

    /// <summary>How <see cref="Accounts"/> combine with the organizational units; default none, and required with them (only with them).</summary>
    public StackSetAccountFilter? AccountFilter { get; init; }

    /// <summary>What happens when accounts join or leave the organizational units; default enabled, and stacks of leaving accounts deleted.</summary>
    public StackSetAutoDeployment? AutoDeployment { get; init; }

    /// <summary>Concurrency and failure tolerance of the StackSet's operations; default CloudFormation's.</summary>
    public StackSetOperationPreferences? OperationPreferences { get; init; }

    /// <summary>Settings of the handler in every stack instance (memory, logging, studios, reconcile...); default none.</summary>
    public StudioSessionMappingHandlerOptions? HandlerOptions { get; init; }

    /// <summary>
    /// The handler zip's key in the code buckets; default the key of the handler this library carries,
    /// <c>emrstudio-session-mapping-handler/&lt;SHA-256 of its bootstrap&gt;.zip</c>, which the code publisher uploads.
    /// </summary>
    public string? CodeKey { get; init; }

    /// <summary>Whether the StackSet is deployed from the management account or a delegated administrator; default <see cref="StackSetCallAs.Self"/>.</summary>
    public StackSetCallAs? CallAs { get; init; }

    /// <summary>
    /// The capabilities the member template needs acknowledged; default <c>CAPABILITY_IAM</c> (it creates the handler's
    /// role, unnamed).
    /// </summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Whether CloudFormation runs non-conflicting operations at once and queues the others; default <see langword="true"/>.</summary>
    public bool? ManagedExecution { get; init; }

    /// <summary>The StackSet's description; default one that says what it deploys.</summary>
    public string? Description { get; init; }
}
