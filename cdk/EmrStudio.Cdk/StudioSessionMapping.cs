using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using EmrStudio.Cdk.Internal;
using EmrStudio.SessionMappingHandler.Mapping;

namespace EmrStudio.Cdk;

/// <summary>
/// Grants an IAM Identity Center user or group access to an Amazon EMR Studio with a session policy, as a
/// <c>Custom::EmrStudioSessionMapping</c> resource backed by one shared handler function per stack.
/// </summary>
/// <example>
/// <code>
/// new StudioSessionMapping(this, "DataScientists", new StudioSessionMappingProps
/// {
///     StudioId = "es-0123456789ABCDEFGHIJKLMNO",
///     Identity = StudioIdentity.Group("data-scientists"),
///     SessionPolicy = policy,
/// });
/// </code>
/// </example>
public sealed class StudioSessionMapping : Construct, IStudioSessionMapping
{
    /// <summary>Defines a session mapping, and the stack's shared handler if this is the stack's first mapping.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The studio, the identity and the session policy.</param>
    /// <exception cref="StudioSessionMappingValidationException">
    /// A literal value breaks the resource's rules, this mapping repeats another's principal, or its handler options
    /// differ from another mapping's; the message names the construct path and the property.
    /// </exception>
    /// <exception cref="ArgumentNullException">A required member of <paramref name="props"/> is null.</exception>
    public StudioSessionMapping(Construct scope, string id, StudioSessionMappingProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var path = Node.Path;
        var studio = props.StudioId ?? throw Validation.Missing(path, "StudioId");
        var identity = props.Identity ?? throw Validation.Missing(path, "Identity");
        var sessionPolicy = props.SessionPolicy ?? throw Validation.Missing(path, "SessionPolicy");
        var policyArn = sessionPolicy.PolicyArn;
        var (studioRule, studioValue) = studio.StudioName is { } studioName
            ? (PropertyRules.StudioName, studioName)
            : (PropertyRules.StudioId, studio.StudioId);
        Validation.Property(path, studioRule, studioValue);
        Validation.SessionPolicy(path, sessionPolicy);
        Validation.MappingRemovalPolicy(path, props.RemovalPolicy);
        var (identityRule, identityValue) = identity.Id is { } identityId
            ? (PropertyRules.IdentityId, identityId)
            : (PropertyRules.IdentityName, identity.Name);
        Validation.Property(path, identityRule, identityValue);

        var identityType = identity.Type == StudioIdentityType.User ? "USER" : "GROUP";
        var settings = props.HandlerOptions is { } options ? HandlerSettings.From(options, path) : null;

        var handler = SharedHandler.GetOrCreate(this);
        if (settings is not null)
        {
            handler.Configure(settings, path);
        }

        handler.AddMapping(path, new MappingKey(studioRule.Name, studioValue!, identityType, identityRule.Name, identityValue!));
        HandlerFunction = handler.Function;

        var properties = new Dictionary<string, object>
        {
            // Exactly one of StudioId and StudioName: the handler refuses both, and neither.
            [studioRule.Name] = studioValue!,
            [PropertyRules.IdentityType.Name] = identityType,
            [identityRule.Name] = identityValue!,
            [PropertyRules.SessionPolicyArn.Name] = policyArn,
            // CloudFormation's own property (CustomResourceProps in this CDK version has no member for it): a broken
            // handler then fails the stack within minutes instead of after the default hour.
            ["ServiceTimeout"] = HandlerDefaults.ServiceTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (props.AdoptExisting)
        {
            // Only when asked: without it, the resource's properties, and so existing stacks, stay as they were.
            properties[PropertyRules.AdoptExisting.Name] = "true";
        }

        CustomResource = new CustomResource(this, "Resource", new CustomResourceProps
        {
            ServiceToken = handler.ServiceToken,
            ResourceType = HandlerDefaults.ResourceType,
            Properties = properties,
            RemovalPolicy = props.RemovalPolicy,
        });
        // Lambda retries an asynchronous event unless the invoke configuration says not to: it must exist first.
        CustomResource.Node.AddDependency(handler.InvokeConfig);
    }

    /// <summary>
    /// A mapping that exists already, by its id (the <c>MappingId</c> of a mapping in another stack, an output, a
    /// parameter), to use its studio, identity type and principal in this app. Nothing is added to the template.
    /// </summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="mappingId">
    /// <c>emrstudio:&lt;StudioId&gt;/&lt;USER or GROUP&gt;/&lt;IdentityId, percent-encoded&gt;</c>, or a token. A literal
    /// id is checked with the handler's own rules and read here; a token is split by CloudFormation, and its
    /// <see cref="IStudioSessionMapping.IdentityId"/> is the id's last part as it stands, which is the Identity Store id
    /// itself (the encoding keeps letters, digits and dashes).
    /// </param>
    /// <returns>The imported mapping.</returns>
    /// <exception cref="StudioSessionMappingValidationException">A literal id is no session mapping id; the message names the construct path.</exception>
    public static IStudioSessionMapping FromMappingId(Construct scope, string id, string mappingId) =>
        new ImportedStudioSessionMapping(scope, id, mappingId);

    /// <summary>The <c>Custom::EmrStudioSessionMapping</c> resource.</summary>
    public CustomResource CustomResource { get; }

    /// <summary>The stack's shared handler function; its ARN is the resource's <c>ServiceToken</c>.</summary>
    public IFunction HandlerFunction { get; }

    /// <summary>The ARN of the shared handler function, for templates that declare the resource themselves (for example as a stack export).</summary>
    public string ServiceToken => HandlerFunction.FunctionArn;

    /// <summary>The mapping's id (its physical resource id, <c>Ref</c>): names the studio, the identity type and the principal's Identity Store id.</summary>
    public string MappingId => CustomResource.Ref;

    /// <summary>The studio's id (<c>Fn::GetAtt StudioId</c>).</summary>
    public string StudioId => CustomResource.GetAttString("StudioId");

    /// <summary><c>USER</c> or <c>GROUP</c> (<c>Fn::GetAtt IdentityType</c>).</summary>
    public string IdentityType => CustomResource.GetAttString("IdentityType");

    /// <summary>The principal's Identity Store id, whether the mapping named it by id or by name (<c>Fn::GetAtt IdentityId</c>).</summary>
    public string IdentityId => CustomResource.GetAttString("IdentityId");

    /// <summary>The principal's name, whether the mapping named it by id or by name (<c>Fn::GetAtt IdentityName</c>).</summary>
    public string IdentityName => CustomResource.GetAttString("IdentityName");

    /// <summary>The session policy's ARN (<c>Fn::GetAtt SessionPolicyArn</c>).</summary>
    public string SessionPolicyArn => CustomResource.GetAttString("SessionPolicyArn");

    /// <summary>When the mapping was created, ISO 8601 UTC (<c>Fn::GetAtt CreationTime</c>).</summary>
    public string CreationTime => CustomResource.GetAttString("CreationTime");

    /// <summary>
    /// Grants <c>lambda:InvokeFunction</c> on the stack's shared handler to <paramref name="grantee"/>: what whoever
    /// deploys a stack that uses its ServiceToken needs (CloudFormation invokes it with the deployer's permissions).
    /// That permission is, in effect, the power to manage session mappings on every studio the handler's role covers,
    /// so grant it to deployment roles only. An <c>AccountPrincipal</c> of another account adds a resource-based
    /// permission to the function; that account must also be in <see cref="StudioSessionMappingHandlerOptions.TrustedStackAccounts"/>.
    /// </summary>
    /// <param name="grantee">The role, user, account or service that deploys stacks using the handler.</param>
    /// <returns>The grant, for dependencies on it.</returns>
    public Grant GrantInvokeHandler(IGrantable grantee) => HandlerFunction.GrantInvoke(grantee);
}
