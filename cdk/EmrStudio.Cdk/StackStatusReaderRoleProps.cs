using Amazon.CDK.AWS.IAM;

namespace EmrStudio.Cdk;

/// <summary>The properties of a <see cref="StackStatusReaderRole"/>.</summary>
public sealed class StackStatusReaderRoleProps
{
    /// <summary>
    /// The ARN of the handler's role in the handler's account, the only principal that may assume this role (the
    /// handler stack's <c>HandlerRoleArn</c> output, or <c>StudioSessionMapping.HandlerFunction.Role.RoleArn</c>). IAM
    /// checks that the role exists when this one is created: deploy the handler first.
    /// </summary>
    public required string HandlerRoleArn { get; init; }

    /// <summary>
    /// The role's name, which the handler's <see cref="StudioSessionMappingHandlerOptions.StackStatusRoleName"/> (or
    /// template.yaml's <c>StackStatusRoleName</c>) must name; default <c>EmrStudioStackStatusReader</c>.
    /// </summary>
    public string? RoleName { get; init; }

    /// <summary>
    /// The regions whose stacks the handler may describe through this role: the regions of the handlers that serve
    /// this account; default the stack's own region. (A role name is global to the account: one role serves them all.)
    /// </summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>A permissions boundary for the role; default none.</summary>
    public IManagedPolicy? PermissionsBoundary { get; init; }
}
