using System.Net.Http.Headers;
using System.Text;
using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>
/// The AWS Query protocol as CloudFormation and STS speak it: a form-encoded <c>POST /</c> carrying <c>Action</c> and
/// the API's <c>Version</c>, XML answers, and errors as <c>ErrorResponse/Error/{Type,Code,Message}</c>.
/// </summary>
internal sealed class QueryProtocol : IAwsProtocol
{
    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };

    private readonly string _apiVersion;

    private QueryProtocol(string apiVersion) => _apiVersion = apiVersion;

    /// <summary>CloudFormation's API, version 2010-05-15.</summary>
    public static QueryProtocol CloudFormation { get; } = new("2010-05-15");

    /// <summary>STS's API, version 2011-06-15.</summary>
    public static QueryProtocol SecurityToken { get; } = new("2011-06-15");

    /// <summary>The form body of <paramref name="action"/> with its parameters, in the order given.</summary>
    public byte[] Form(string action, params ReadOnlySpan<(string Name, string Value)> parameters)
    {
        var form = new StringBuilder("Action=").Append(Uri.EscapeDataString(action));
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return Encoding.UTF8.GetBytes(form.Append("&Version=").Append(_apiVersion).ToString());
    }

    public HttpRequestMessage CreateRequest(Uri endpoint, string operation, byte[] payload)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(payload) };
        message.Content.Headers.ContentType = FormContentType;
        return message;
    }

    public AwsServiceException ParseError(int status, HttpResponseMessage? response, byte[] body)
    {
        try
        {
            var xml = Encoding.UTF8.GetString(body);
            var code = XmlText.Find(xml, "ErrorResponse", "Error", "Code");
            if (!string.IsNullOrWhiteSpace(code))
            {
                return new AwsServiceException(status, code, XmlText.Find(xml, "ErrorResponse", "Error", "Message") ?? string.Empty);
            }
        }
        catch (FormatException)
        {
        }

        return new AwsServiceException(status, status >= 500 ? "InternalFailure" : "UnknownError", $"HTTP {status}: {BodyExcerpt.Of(body)}");
    }
}
