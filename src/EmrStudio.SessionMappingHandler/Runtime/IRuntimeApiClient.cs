namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>
/// The Lambda Runtime API as the invocation loop uses it. Every call throws <see cref="RuntimeApiFatalException"/>
/// when Lambda wants the process gone (a 500), <see cref="RuntimeApiException"/> when it refuses one call, and
/// <see cref="HttpRequestException"/> or <see cref="IOException"/> when it cannot be reached.
/// </summary>
internal interface IRuntimeApiClient
{
    /// <summary>Waits, for as long as it takes, for the next event.</summary>
    Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken);

    Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    Task PostInvocationErrorAsync(string requestId, RuntimeErrorBody error, CancellationToken cancellationToken);

    /// <summary>Reports that the process could not start; Lambda then fails the pending invocation.</summary>
    Task PostInitErrorAsync(RuntimeErrorBody error, CancellationToken cancellationToken);
}
