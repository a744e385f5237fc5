namespace EmrStudio.Testing.CloudFormation;

/// <summary>A failure <see cref="ResponseUrlReceiver"/> injects into one PUT attempt.</summary>
internal sealed class ResponseFault
{
    public static ResponseFault Drop { get; } = new() { DropConnection = true };

    /// <summary>Answer this status instead of accepting (0 when not a status fault).</summary>
    public int StatusCode { get; init; }

    /// <summary>Wait this long before accepting (the client may give up first); infinite: until it does.</summary>
    public TimeSpan Stall { get; init; }

    public bool DropConnection { get; init; }
}
