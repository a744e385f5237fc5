namespace EmrStudio.Testing.Stacks.Operations;

internal enum ResourceChangeKind
{
    Created,
    FailedCreate,
    UpdatedInPlace,
    Replaced,
    CustomUpdated,
    FailedCustomUpdate,
}
