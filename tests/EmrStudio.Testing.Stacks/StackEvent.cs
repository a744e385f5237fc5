namespace EmrStudio.Testing.Stacks;

/// <summary>One line of a stack's event log: a resource's status change, or the stack's own (LogicalId = the stack name).</summary>
public sealed record StackEvent(
    DateTimeOffset Timestamp,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    string ResourceStatus,
    string? Reason)
{
    public override string ToString() =>
        $"{Timestamp:HH:mm:ss.fff} {ResourceStatus,-45} {LogicalResourceId} ({ResourceType}) {PhysicalResourceId}{(Reason is null ? string.Empty : " - " + Reason)}";
}
