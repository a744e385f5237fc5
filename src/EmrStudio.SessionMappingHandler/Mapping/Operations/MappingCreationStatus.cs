namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

internal enum MappingCreationStatus
{
    /// <summary>This event created the mapping.</summary>
    Created,

    /// <summary>EMR said "already exists" after an unconfirmed attempt, and the mapping found is this event's own.</summary>
    Adopted,

    /// <summary>The mapping existed before this event; it was left untouched.</summary>
    AlreadyExists,

    /// <summary>Nothing was created, or what was created has been deleted again (or the Reason says it could not be).</summary>
    Failed,
}
