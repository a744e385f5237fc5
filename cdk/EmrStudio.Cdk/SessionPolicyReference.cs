using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace EmrStudio.Cdk;

/// <summary>
/// The IAM session policy that applies to the principal's Studio sessions: a policy ARN, a managed policy, or a
/// customer managed policy of the stack's own account by name (what a StackSet's mappings need: each account names
/// its own policy).
/// </summary>
/// <example><code>SessionPolicyReference.FromManagedPolicy(policy)</code></example>
public sealed class SessionPolicyReference
{
    /// <summary>What <see cref="FromArnTemplate"/> and <see cref="FromName"/> put in for the pseudo parameters to check the result's shape at synth time.</summary>
    private static readonly (string Name, string Sample)[] PseudoParameters =
        [("${AWS::Partition}", "aws"), ("${AWS::AccountId}", "123456789012"), ("${AWS::Region}", "us-east-1")];

    private SessionPolicyReference(string policyArn, string? arnTemplate = null)
    {
        PolicyArn = policyArn;
        ArnTemplate = arnTemplate;
    }

    /// <summary>The policy's ARN, possibly a token.</summary>
    public string PolicyArn { get; }

    /// <summary>The <c>Fn::Sub</c> text the ARN is made of, for <see cref="FromName"/> and <see cref="FromArnTemplate"/>; otherwise null.</summary>
    internal string? ArnTemplate { get; }

    /// <summary>A policy by its ARN, <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:policy/&lt;path and name&gt;</c>, or a token.</summary>
    /// <param name="policyArn">The IAM policy ARN; validated at synth time unless it is a token.</param>
    public static SessionPolicyReference FromArn(string policyArn) => new(policyArn);

    /// <summary>
    /// A customer managed policy of the account and partition that the stack is deployed to, by its name, optionally
    /// after its path: <c>EmrStudioDataScientist</c> or <c>team/EmrStudioDataScientist</c>. In a StackSet, each account's
    /// mapping names that account's policy.
    /// </summary>
    /// <param name="policyName">The policy's name, optionally after its path (no leading slash); validated at synth time.</param>
    public static SessionPolicyReference FromName(string policyName)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        return FromArnTemplate("arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/" + policyName);
    }

    /// <summary>
    /// A policy ARN with CloudFormation's pseudo parameters in it, resolved where the stack is deployed, such as
    /// <c>arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/EmrStudioDataScientist</c> (an <c>Fn::Sub</c>).
    /// </summary>
    /// <param name="arnTemplate">The ARN with <c>${AWS::Partition}</c>, <c>${AWS::AccountId}</c> or <c>${AWS::Region}</c>; validated at synth time.</param>
    public static SessionPolicyReference FromArnTemplate(string arnTemplate)
    {
        ArgumentNullException.ThrowIfNull(arnTemplate);
        return new(Fn.Sub(arnTemplate), arnTemplate);
    }

    /// <summary>A customer managed policy, defined in the app or imported.</summary>
    /// <param name="policy">The policy.</param>
    public static SessionPolicyReference FromManagedPolicy(IManagedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.ManagedPolicyArn);
    }

    /// <summary>Same as <see cref="FromArn"/>: lets a policy ARN be written where a reference is expected.</summary>
    /// <param name="policyArn">The IAM policy ARN.</param>
    public static implicit operator SessionPolicyReference(string policyArn) => new(policyArn);

    /// <summary>Same as <see cref="FromManagedPolicy"/>, for a policy defined in the app.</summary>
    /// <param name="policy">The policy.</param>
    public static implicit operator SessionPolicyReference(ManagedPolicy policy) => new(policy?.ManagedPolicyArn!);

    /// <summary>Same as <see cref="FromArn"/>; the named alternative to the implicit conversion from a string.</summary>
    /// <param name="policyArn">The IAM policy ARN.</param>
    public static SessionPolicyReference FromString(string policyArn) => FromArn(policyArn);

    /// <summary>The ARN that <see cref="ArnTemplate"/> gives in a sample account, partition and region, for the synth-time check.</summary>
    internal string? SampleArn() =>
        ArnTemplate is null ? null : PseudoParameters.Aggregate(ArnTemplate, (text, p) => text.Replace(p.Name, p.Sample, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override string ToString() => ArnTemplate ?? PolicyArn;
}
