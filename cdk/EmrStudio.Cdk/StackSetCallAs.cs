namespace EmrStudio.Cdk;

/// <summary>Whether the StackSet is managed from the organization's management account or a delegated administrator account.</summary>
public enum StackSetCallAs
{
    /// <summary>The management account deploys it (<c>SELF</c>).</summary>
    Self,

    /// <summary>A delegated administrator account of CloudFormation StackSets deploys it (<c>DELEGATED_ADMIN</c>).</summary>
    DelegatedAdmin,
}
