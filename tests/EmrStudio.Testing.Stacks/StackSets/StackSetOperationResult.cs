namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>How one operation ended in one account and region.</summary>
public sealed record StackSetOperationResult(string Account, string Region, string? OrganizationalUnitId, string Status, string? StatusReason)
{
    public StackInstanceKey Key => new(Account, Region);

    public override string ToString() => $"{Account}/{Region} {Status}{(StatusReason is null ? string.Empty : " - " + StatusReason)}";
}
