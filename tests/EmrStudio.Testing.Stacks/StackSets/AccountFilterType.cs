namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>How <see cref="DeploymentTargets.Accounts"/> combine with the accounts of the targeted OUs.</summary>
public enum AccountFilterType
{
    /// <summary>The OUs' accounts; without OUs, the listed accounts.</summary>
    None,

    /// <summary>The listed accounts that are also in the OUs.</summary>
    Intersection,

    /// <summary>The OUs' accounts except the listed ones.</summary>
    Difference,

    /// <summary>The OUs' accounts and the listed ones.</summary>
    Union,
}
