using System.Net.Http.Headers;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>AWS JSON 1.1 as EMR speaks it: <c>POST /</c>, <c>X-Amz-Target: ElasticMapReduce.&lt;Operation&gt;</c>, JSON errors.</summary>
internal sealed class EmrJsonProtocol : IAwsProtocol
{
    public static EmrJsonProtocol Instance { get; } = new();

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    public HttpRequestMessage CreateRequest(Uri endpoint, string operation, byte[] payload)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "ElasticMapReduce." + operation);
        message.Content = new ByteArrayContent(payload);
        message.Content.Headers.ContentType = JsonContentType;
        return message;
    }

    /// <summary>
    /// Reads <c>{"__type": "ns#Name", "Message": "..."}</c>; the type may also arrive in <c>X-Amzn-ErrorType</c>
    /// (<c>Name:detail</c>). A body that is not such JSON (a proxy's HTML page) still gives an error with its status.
    /// </summary>
    public AwsServiceException ParseError(int status, HttpResponseMessage? response, byte[] body) => Parse(status, response, body);

    public static EmrException Parse(int status, HttpResponseMessage? response, byte[] body)
    {
        EmrErrorBody? error = null;
        try
        {
            error = body.Length == 0 ? null : JsonSerializer.Deserialize(body, EmrJsonContext.Default.EmrErrorBody);
        }
        catch (JsonException)
        {
        }

        var type = error?.Type;
        if (string.IsNullOrEmpty(type) && response is not null && response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            type = values.FirstOrDefault()?.Split(':')[0];
        }

        if (string.IsNullOrWhiteSpace(type))
        {
            return new EmrException(status, status >= 500 ? "InternalServerError" : "UnknownError", $"HTTP {status}: {BodyExcerpt.Of(body)}");
        }

        type = type[(type.LastIndexOf('#') + 1)..];
        var message = error?.Message ?? error?.LowerCaseMessage ?? string.Empty;
        return new EmrException(status, type, message);
    }
}
