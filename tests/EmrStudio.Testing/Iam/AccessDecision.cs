namespace EmrStudio.Testing.Iam;

/// <summary>IAM's answer to one request: allowed, or denied with the message AWS services quote.</summary>
/// <param name="Allowed">True when the action is allowed.</param>
/// <param name="Message">For a denial, AWS's own wording: "User: ... is not authorized to perform: ... on resource: ... because ...".</param>
public sealed record AccessDecision(bool Allowed, string Message)
{
    public static AccessDecision Allow { get; } = new(true, string.Empty);

    public static AccessDecision Deny(string callerArn, string action, string resource, string because) =>
        new(false, $"User: {callerArn} is not authorized to perform: {action} on resource: {resource} because {because}");
}
