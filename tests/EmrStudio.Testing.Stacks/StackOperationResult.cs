namespace EmrStudio.Testing.Stacks;

/// <summary>How one stack operation ended, and the events it wrote (the stack's event log from its start).</summary>
public sealed record StackOperationResult(string StackName, string Operation, string FinalStatus, IReadOnlyList<StackEvent> Events)
{
    public bool Failed => StackStatuses.IsFailed(FinalStatus);

    public override string ToString() =>
        $"{Operation} {StackName}: {FinalStatus}\n  " + string.Join("\n  ", Events);
}
