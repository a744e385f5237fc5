namespace EmrStudio.Cdk;

/// <summary>The kind of IAM Identity Center principal that a session mapping grants access to.</summary>
public enum StudioIdentityType
{
    /// <summary>An IAM Identity Center user (<c>USER</c>).</summary>
    User,

    /// <summary>An IAM Identity Center group (<c>GROUP</c>).</summary>
    Group,
}
