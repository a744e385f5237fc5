namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// One account and region of a StackSet: its status with respect to the StackSet, how the last operation that
/// reached it ended, and its stack (none when the stack was never created, or was deleted after a failed create).
/// </summary>
public sealed record StackInstance(
    string Account,
    string Region,
    string? OrganizationalUnitId,
    string Status,
    string DetailedStatus,
    string? StatusReason,
    string? StackName,
    string? LastOperationId)
{
    public StackInstanceKey Key => new(Account, Region);

    public override string ToString() =>
        $"{Account}/{Region} {Status} ({DetailedStatus}) {StackName ?? "no stack"}{(StatusReason is null ? string.Empty : " - " + StatusReason)}";
}
