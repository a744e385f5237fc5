namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>What an operation does in one account and region, once it is that instance's turn.</summary>
internal sealed record InstanceWork(StackInstanceKey Key, string? OrganizationalUnitId, Func<Task<InstanceOutcome>> ExecuteAsync);
