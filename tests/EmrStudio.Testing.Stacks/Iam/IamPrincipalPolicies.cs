namespace EmrStudio.Testing.Stacks.Iam;

/// <summary>What IAM evaluates for one caller: who it is, its identity-based policies, and its permissions boundary if any.</summary>
public sealed record IamPrincipalPolicies(string CallerArn, IReadOnlyList<IamPolicy> IdentityPolicies, IamPolicy? PermissionsBoundary);
