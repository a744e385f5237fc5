namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>What one event did to EMR, for its log line (<c>mappingAction</c>, written in kebab case).</summary>
internal enum MappingAction
{
    /// <summary>The properties broke a rule; EMR was not called.</summary>
    Rejected,

    /// <summary>A new mapping was created.</summary>
    Created,

    /// <summary>EMR said "already exists" after an unconfirmed attempt, and the mapping found was that attempt's.</summary>
    AdoptedOwnAttempt,

    /// <summary>An existing mapping was taken over because the template says <c>AdoptExisting</c>.</summary>
    Adopted,

    /// <summary>During a rollback, the stack's own earlier mapping was restored.</summary>
    Restored,

    /// <summary>The mapping existed already and belongs to someone else: left untouched, the event failed.</summary>
    AlreadyExists,

    /// <summary>The session policy was changed in place.</summary>
    Updated,

    /// <summary>The mapping already had the template's session policy.</summary>
    Unchanged,

    /// <summary>The resource's mapping had vanished out of band and was created again under the same id.</summary>
    Recreated,

    /// <summary>A new mapping replaces the old one, which CloudFormation deletes in its cleanup.</summary>
    Replaced,

    /// <summary>The mapping was deleted.</summary>
    Deleted,

    /// <summary>The mapping, or its studio, no longer existed.</summary>
    AlreadyGone,

    /// <summary>The principal left IAM Identity Center; the mapping grants nothing and counts as gone.</summary>
    PrincipalGone,

    /// <summary>The PhysicalResourceId names no mapping of ours (a sentinel, an id CloudFormation made up).</summary>
    NotOurs,

    /// <summary>An EMR or CloudFormation call failed.</summary>
    Failed,

    /// <summary>The RequestType was none of Create, Update and Delete.</summary>
    UnknownRequestType,

    /// <summary>A second delivery of an event already answered: the recorded answer was given again, nothing done.</summary>
    Replayed,

    /// <summary>A delivery of an event issued before the resource's last event: nothing done.</summary>
    Stale,
}
