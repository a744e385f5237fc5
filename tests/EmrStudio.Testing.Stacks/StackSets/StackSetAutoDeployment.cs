namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// Whether the StackSet follows its target OUs: with <see cref="Enabled"/>, an account that joins one gets stack
/// instances in the regions the OU is targeted in, and an account that leaves loses them; with
/// <see cref="RetainStacksOnAccountRemoval"/> it leaves the StackSet but keeps its stacks and their resources.
/// </summary>
public sealed record StackSetAutoDeployment(bool Enabled, bool RetainStacksOnAccountRemoval)
{
    public static StackSetAutoDeployment Disabled { get; } = new(false, false);
}
