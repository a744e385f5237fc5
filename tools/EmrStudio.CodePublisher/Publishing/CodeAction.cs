namespace EmrStudio.CodePublisher.Publishing;

/// <summary>What happened to the code object of a region.</summary>
internal enum CodeAction
{
    /// <summary>No object had the key: the zip was uploaded.</summary>
    Uploaded,

    /// <summary>The object under the key is this zip already: nothing was uploaded.</summary>
    AlreadyThere,

    /// <summary>An object under the key was not this zip (or not readable by the organization): the zip replaced it.</summary>
    Replaced,
}
