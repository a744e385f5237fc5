using EmrStudio.Testing.Iam;

namespace EmrStudio.Testing.Stacks.Iam;

/// <summary>
/// IAM's evaluation for a principal in its own account: an explicit Deny anywhere wins; otherwise an identity-based
/// policy must allow, and, when the principal has a permissions boundary, the boundary must allow too.
/// </summary>
public static class PolicyEvaluator
{
    public static AccessDecision Evaluate(IamPrincipalPolicies principal, string action, string resource)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = principal.IdentityPolicies.SelectMany(policy => policy.Statements).Where(statement => statement.AppliesTo(action, resource)).ToList();
        var boundary = principal.PermissionsBoundary?.Statements.Where(statement => statement.AppliesTo(action, resource)).ToList();

        if (identity.Exists(statement => !statement.IsAllow))
        {
            return AccessDecision.Deny(principal.CallerArn, action, resource, "with an explicit deny in an identity-based policy");
        }

        if (boundary is not null && boundary.Exists(statement => !statement.IsAllow))
        {
            return AccessDecision.Deny(principal.CallerArn, action, resource, "with an explicit deny in a permissions boundary");
        }

        if (!identity.Exists(statement => statement.IsAllow))
        {
            return AccessDecision.Deny(principal.CallerArn, action, resource, $"because no identity-based policy allows the {action} action");
        }

        if (boundary is not null && !boundary.Exists(statement => statement.IsAllow))
        {
            return AccessDecision.Deny(principal.CallerArn, action, resource, $"because no permissions boundary allows the {action} action");
        }

        return AccessDecision.Allow;
    }
}
