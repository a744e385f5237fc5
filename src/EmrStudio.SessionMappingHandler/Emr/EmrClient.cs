using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>
/// EMR's studio session mapping operations over AWS JSON 1.1, retried and bounded as <see cref="AwsHttpCaller"/>
/// describes: an answer EMR gave throws <see cref="EmrException"/>, the deadline <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class EmrClient : IEmrClient, IDisposable
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly AwsHttpCaller _caller;

    public EmrClient(AwsHttpCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
    }

    /// <summary>The production client: TLS rooted in <paramref name="trust"/>, signed with <paramref name="credentials"/>.</summary>
    public static EmrClient Create(ServiceEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, ILog log)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        return new EmrClient(AwsHttpCaller.Create(AwsService.Emr, EmrJsonProtocol.Instance, endpoint, trust, credentials, backoff, DefaultAttemptTimeout, log));
    }

    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        CallAsync("CreateStudioSessionMapping", input, EmrJsonContext.Default.StudioSessionMappingInput, cancellationToken);

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        CallAsync("UpdateStudioSessionMapping", input, EmrJsonContext.Default.StudioSessionMappingInput, cancellationToken);

    public async Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        const string Operation = "GetStudioSessionMapping";
        var (status, body) = await CallAsync(Operation, key, EmrJsonContext.Default.StudioSessionMappingKey, cancellationToken);
        GetStudioSessionMappingOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(body, EmrJsonContext.Default.GetStudioSessionMappingOutput);
        }
        catch (JsonException exception)
        {
            throw new EmrException(status, "InvalidResponse", $"{Operation} answered with JSON that does not parse: {exception.Message}");
        }

        return output?.SessionMapping
            ?? throw new EmrException(status, "InvalidResponse", $"{Operation} answered without a SessionMapping.");
    }

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken) =>
        CallAsync("DeleteStudioSessionMapping", key, EmrJsonContext.Default.StudioSessionMappingKey, cancellationToken);

    public void Dispose() => _caller.Dispose();

    private Task<(int Status, byte[] Body)> CallAsync<TRequest>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        _caller.CallAsync(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType), cancellationToken);
}
