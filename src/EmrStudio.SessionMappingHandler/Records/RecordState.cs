namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>Whether a resource's mapping should exist.</summary>
internal enum RecordState
{
    /// <summary>The mapping the record names should exist with the recorded session policy.</summary>
    Active,

    /// <summary>A tombstone: the resource was deleted (or never got a mapping); nothing is ever re-created from it.</summary>
    Deleted,
}
