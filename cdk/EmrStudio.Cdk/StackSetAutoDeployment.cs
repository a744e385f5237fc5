namespace EmrStudio.Cdk;

/// <summary>What the StackSet does when an account joins or leaves one of its organizational units.</summary>
public sealed class StackSetAutoDeployment
{
    /// <summary>Whether an account that joins a target organizational unit gets the stack instances, and one that leaves loses them; default <see langword="true"/>.</summary>
    public bool? Enabled { get; init; }

    /// <summary>
    /// Whether an account that leaves keeps its stack instances, outside the StackSet; default <see langword="false"/>:
    /// the instance is deleted, and with it the handler and the account's mappings. With <see langword="true"/> the
    /// stack, its handler and its mappings stay.
    /// </summary>
    public bool? RetainStacksOnAccountRemoval { get; init; }
}
