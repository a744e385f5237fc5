namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>An organizational unit of the simulated organization; the root is the one without a parent.</summary>
public sealed record OrganizationalUnit(string Id, string Name, string? ParentId)
{
    public override string ToString() => $"{Name} ({Id})";
}
