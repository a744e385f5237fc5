namespace EmrStudio.Testing.Emr;

/// <summary>A failure the fake can inject instead of answering.</summary>
public enum FakeEmrFault
{
    /// <summary>HTTP 400 ThrottlingException.</summary>
    Throttle,

    /// <summary>HTTP 500 InternalServerError.</summary>
    ServerError,

    /// <summary>The connection is aborted without an answer.</summary>
    Drop,

    /// <summary>The operation is performed, then the connection is aborted: the caller cannot know it took effect.</summary>
    DropAfterApplying,

    /// <summary>No answer comes at all, and nothing is done, until the caller gives up on the request.</summary>
    Stall,
}
