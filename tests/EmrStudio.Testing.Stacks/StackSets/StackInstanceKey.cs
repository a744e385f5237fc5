namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>Where a stack instance lives: one account in one region.</summary>
public readonly record struct StackInstanceKey(string Account, string Region)
{
    public override string ToString() => $"{Account}/{Region}";
}
