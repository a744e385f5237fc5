using Amazon.CDK.AWS.IAM;

namespace EmrStudio.Cdk;

/// <summary>The IAM session policy that applies to the principal's Studio sessions: a policy ARN or a managed policy.</summary>
/// <example><code>SessionPolicyReference.FromManagedPolicy(policy)</code></example>
public sealed class SessionPolicyReference
{
    private SessionPolicyReference(string policyArn) => PolicyArn = policyArn;

    /// <summary>The policy's ARN, possibly a token.</summary>
    public string PolicyArn { get; }

    /// <summary>A policy by its ARN, <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:policy/&lt;path and name&gt;</c>, or a token.</summary>
    /// <param name="policyArn">The IAM policy ARN; validated at synth time unless it is a token.</param>
    public static SessionPolicyReference FromArn(string policyArn) => new(policyArn);

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

    /// <inheritdoc/>
    public override string ToString() => PolicyArn;
}
