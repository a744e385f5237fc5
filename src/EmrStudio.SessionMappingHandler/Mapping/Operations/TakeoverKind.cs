namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>Why an existing mapping becomes the resource's own.</summary>
internal enum TakeoverKind
{
    /// <summary>The template asks for it (<c>AdoptExisting</c>). Undone (old policy put back) if CloudFormation never hears of it.</summary>
    Adoption,

    /// <summary>
    /// The stack is rolling back and the mapping is its own earlier one. Needs no undo: the restored mapping is what
    /// the stack had before.
    /// </summary>
    RollbackRestore,
}
