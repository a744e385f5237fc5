namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>What an operation does to its stack instances, as CloudFormation spells it.</summary>
public static class StackSetOperationActions
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
}
