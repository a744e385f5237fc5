using System.Net.Http.Headers;
using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// The AWS JSON protocols (1.0 and 1.1) as EMR and DynamoDB speak them: <c>POST /</c> with
/// <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>, and errors as <c>{"__type": "ns#Name", "message": "..."}</c>.
/// </summary>
internal class AwsJsonProtocol : IAwsProtocol
{
    private readonly string _targetPrefix;
    private readonly MediaTypeHeaderValue _contentType;
    private readonly Func<int, string, string, AwsServiceException> _createError;

    /// <param name="targetPrefix">The service's target prefix, for example <c>ElasticMapReduce</c>.</param>
    /// <param name="jsonVersion"><c>1.0</c> or <c>1.1</c>, as the service's model says.</param>
    /// <param name="createError">Makes the service's own exception from a status, an error type and a message.</param>
    protected AwsJsonProtocol(string targetPrefix, string jsonVersion, Func<int, string, string, AwsServiceException> createError)
    {
        _targetPrefix = targetPrefix;
        _contentType = new MediaTypeHeaderValue("application/x-amz-json-" + jsonVersion);
        _createError = createError;
    }

    public HttpRequestMessage CreateRequest(Uri endpoint, string operation, byte[] payload)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", _targetPrefix + "." + operation);
        message.Content = new ByteArrayContent(payload);
        message.Content.Headers.ContentType = _contentType;
        return message;
    }

    /// <summary>
    /// Reads <c>{"__type": "ns#Name", "Message": "..."}</c> (or <c>message</c>); the type may also arrive in
    /// <c>X-Amzn-ErrorType</c> (<c>Name:detail</c>). A body that is not such JSON (a proxy's HTML page) still gives an
    /// error with its status.
    /// </summary>
    public AwsServiceException ParseError(int status, HttpResponseMessage? response, byte[] body)
    {
        var (type, message) = ReadError(body);
        if (string.IsNullOrEmpty(type) && response is not null && response.Headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            type = values.FirstOrDefault()?.Split(':')[0];
        }

        if (string.IsNullOrWhiteSpace(type))
        {
            return _createError(status, status >= 500 ? "InternalServerError" : "UnknownError", $"HTTP {status}: {BodyExcerpt.Of(body)}");
        }

        return _createError(status, type[(type.LastIndexOf('#') + 1)..], message ?? string.Empty);
    }

    private static (string? Type, string? Message) ReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? type = null, message = null;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (member.NameEquals("__type"))
                {
                    type = member.Value.GetString();
                }
                else if (member.NameEquals("Message") || (message is null && member.NameEquals("message")))
                {
                    message = member.Value.GetString();
                }
            }

            return (type, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
