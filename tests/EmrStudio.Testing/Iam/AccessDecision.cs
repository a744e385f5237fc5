namespace EmrStudio.Testing.Iam;

/// <summary>IAM's answer to one request: allowed, or denied with the message AWS services quote.</summary>
/// <param name="Allowed">True when the action is allowed.</param>
/// <param name="Message">For a denial, AWS's own wording: "User: ... is not authorized to perform: ... on resource: ... because ...".</param>
public sealed record AccessDecision(bool Allowed, string Message)
{
    public static AccessDecision Allow { get; } = new(true, string.Empty);

    /// <param name="callerArn">The caller as IAM names it (an assumed-role session ARN).</param>
    /// <param name="action">The action, as the service spells it.</param>
    /// <param name="resource">The resource ARN, or <c>*</c>.</param>
    /// <param name="why">AWS's closing words: "because no identity-based policy allows the ... action", "with an explicit deny in ...".</param>
    public static AccessDecision Deny(string callerArn, string action, string resource, string why) =>
        new(false, $"User: {callerArn} is not authorized to perform: {action} on resource: {resource} {why}");
}
