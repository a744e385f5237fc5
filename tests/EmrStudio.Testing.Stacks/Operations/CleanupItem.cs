namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>A physical resource a cleanup phase deletes, and whether a Retain policy keeps it instead.</summary>
internal sealed record CleanupItem(ResourceState State, bool Retain);
