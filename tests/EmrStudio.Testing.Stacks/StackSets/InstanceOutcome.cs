namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>How the work on one stack instance ended: success, or a failure and its reason.</summary>
internal sealed record InstanceOutcome(bool Succeeded, string? Reason)
{
    public static InstanceOutcome Success { get; } = new(true, null);

    public static InstanceOutcome Failure(string reason) => new(false, reason);
}
