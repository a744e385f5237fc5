using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using EmrStudio.Cdk.Internal;

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
public sealed class StudioSessionMapping : Construct
{
    /// <summary>Defines a session mapping, and the stack's shared handler if this is the stack's first mapping.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The studio, the identity and the session policy.</param>
    /// <exception cref="ArgumentException">A literal value breaks the resource's rules; the message names the property.</exception>
    public StudioSessionMapping(Construct scope, string id, StudioSessionMappingProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(props.StudioId);
        ArgumentNullException.ThrowIfNull(props.Identity);
        ArgumentNullException.ThrowIfNull(props.SessionPolicy);

        var studioId = props.StudioId.StudioId;
        var policyArn = props.SessionPolicy.PolicyArn;
        Validation.StudioId(studioId);
        Validation.SessionPolicyArn(policyArn);

        var properties = new Dictionary<string, object>
        {
            ["StudioId"] = studioId,
            ["IdentityType"] = props.Identity.Type == StudioIdentityType.User ? "USER" : "GROUP",
            ["SessionPolicyArn"] = policyArn,
            // CloudFormation's own property (CustomResourceProps in this CDK version has no member for it): a broken
            // handler then fails the stack within minutes instead of after the default hour.
            ["ServiceTimeout"] = HandlerDefaults.ServiceTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (props.Identity.Id is { } identityId)
        {
            Validation.IdentityId(identityId);
            properties["IdentityId"] = identityId;
        }
        else
        {
            Validation.IdentityName(props.Identity.Name);
            properties["IdentityName"] = props.Identity.Name!;
        }

        var handler = SharedHandler.GetOrCreate(this);
        handler.AllowStudio(studioId);
        HandlerFunction = handler.Function;

        CustomResource = new CustomResource(this, "Resource", new CustomResourceProps
        {
            ServiceToken = handler.ServiceToken,
            ResourceType = HandlerDefaults.ResourceType,
            Properties = properties,
            RemovalPolicy = props.RemovalPolicy,
        });
    }

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
}
