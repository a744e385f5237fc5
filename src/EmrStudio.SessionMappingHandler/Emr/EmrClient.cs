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
    public static EmrClient Create(ServiceEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, ILog log) =>
        new(AwsHttpCaller.Create(AwsService.Emr, EmrJsonProtocol.Instance, endpoint, trust, credentials, DefaultBackoff(), DefaultAttemptTimeout, log));

    /// <summary>The production client's wait between attempts; <paramref name="random"/> (default: shared) draws the jitter.</summary>
    public static Backoff DefaultBackoff(Random? random = null) => new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), random);

    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        CallAsync("CreateStudioSessionMapping", input, EmrJsonContext.Default.StudioSessionMappingInput, cancellationToken);

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        CallAsync("UpdateStudioSessionMapping", input, EmrJsonContext.Default.StudioSessionMappingInput, cancellationToken);

    public async Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        var output = await CallAsync(
            "GetStudioSessionMapping", key, EmrJsonContext.Default.StudioSessionMappingKey, EmrJsonContext.Default.GetStudioSessionMappingOutput, cancellationToken);
        return output.SessionMapping ?? throw new EmrException(200, "InvalidResponse", "GetStudioSessionMapping answered without a SessionMapping.");
    }

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken) =>
        CallAsync("DeleteStudioSessionMapping", key, EmrJsonContext.Default.StudioSessionMappingKey, cancellationToken);

    public async Task<EmrPage<StudioSummary>> ListStudiosAsync(string? marker, CancellationToken cancellationToken)
    {
        var output = await CallAsync("ListStudios", new ListInput { Marker = marker }, EmrJsonContext.Default.ListInput, EmrJsonContext.Default.ListStudiosOutput, cancellationToken);
        return new EmrPage<StudioSummary>(output.Studios ?? [], string.IsNullOrEmpty(output.Marker) ? null : output.Marker);
    }

    public async Task<EmrPage<SessionMappingDetail>> ListStudioSessionMappingsAsync(string studioId, string? marker, CancellationToken cancellationToken)
    {
        var input = new ListInput { StudioId = studioId, Marker = marker };
        var output = await CallAsync(
            "ListStudioSessionMappings", input, EmrJsonContext.Default.ListInput, EmrJsonContext.Default.ListStudioSessionMappingsOutput, cancellationToken);
        return new EmrPage<SessionMappingDetail>(output.SessionMappings ?? [], string.IsNullOrEmpty(output.Marker) ? null : output.Marker);
    }

    public void Dispose() => _caller.Dispose();

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class
    {
        var (status, body) = await CallAsync(operation, request, requestType, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, responseType)
                ?? throw new EmrException(status, "InvalidResponse", $"{operation} answered with an empty body.");
        }
        catch (JsonException exception)
        {
            throw new EmrException(status, "InvalidResponse", $"{operation} answered with JSON that does not parse: {exception.Message}");
        }
    }

    private Task<(int Status, byte[] Body)> CallAsync<TRequest>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        _caller.CallAsync(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType), cancellationToken);
}
