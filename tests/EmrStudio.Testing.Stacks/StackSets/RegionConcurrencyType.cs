namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>Whether an operation works on one region at a time (CloudFormation's default) or on all at once.</summary>
public enum RegionConcurrencyType
{
    Sequential,
    Parallel,
}
