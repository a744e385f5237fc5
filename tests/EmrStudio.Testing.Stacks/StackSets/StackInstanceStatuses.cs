namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>A stack instance's status with respect to its StackSet, as CloudFormation spells it.</summary>
public static class StackInstanceStatuses
{
    /// <summary>The stack has the StackSet's current template and parameters.</summary>
    public const string Current = "CURRENT";

    /// <summary>The stack failed, or was never reached by, the last operation that changed the StackSet.</summary>
    public const string Outdated = "OUTDATED";

    /// <summary>Deleting the stack failed; updates skip the instance until it is deleted with RetainStacks.</summary>
    public const string Inoperable = "INOPERABLE";
}
