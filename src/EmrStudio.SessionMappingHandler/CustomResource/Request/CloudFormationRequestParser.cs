using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.CustomResource.Request;

/// <summary>
/// Turns an event body into a <see cref="CloudFormationRequest"/>. Any input is safe: what cannot be answered at all
/// throws <see cref="MalformedEventException"/>; everything else is kept for the provider to judge (an odd
/// RequestType, property bags of any JSON kind).
/// </summary>
/// <remarks>
/// Limits, chosen so that a valid answer always fits CloudFormation's 4096-byte body: each echo field (StackId,
/// RequestId, LogicalResourceId) is at most <see cref="MaxEchoFieldBytes"/> bytes and all three together at most
/// <see cref="MaxEchoFieldsTotalBytes"/> bytes, counted as they will be written in the answer (UTF-8, JSON-escaped).
/// That leaves over 1 KB for the PhysicalResourceId and room for a Reason. Real values are far smaller (a StackId is
/// an ARN of about 120 bytes, a RequestId a GUID, a LogicalResourceId at most 255 characters).
/// </remarks>
internal static class CloudFormationRequestParser
{
    public const int MaxEchoFieldBytes = 1024;
    public const int MaxEchoFieldsTotalBytes = 2048;

    /// <summary>Pre-signed S3 URLs are 1-2 KB; anything far longer is not one.</summary>
    public const int MaxResponseUrlLength = 16 * 1024;

    /// <summary>Deeper nesting is rejected by the JSON reader instead of exhausting the stack.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static CloudFormationRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            // The reader's message quotes no input, only a position; still, keep the exception's text out.
            throw new MalformedEventException($"The event is not valid JSON (or is nested deeper than {MaxDepth} levels).", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedEventException($"The event is a JSON {root.ValueKind}, not an object.");
            }

            var responseUrl = ReadResponseUrl(root);
            var stackId = ReadEchoField(root, "StackId");
            var requestId = ReadEchoField(root, "RequestId");
            var logicalResourceId = ReadEchoField(root, "LogicalResourceId");
            var echoTotal = EncodedLength(stackId) + EncodedLength(requestId) + EncodedLength(logicalResourceId);
            if (echoTotal > MaxEchoFieldsTotalBytes)
            {
                throw new MalformedEventException(
                    $"StackId, RequestId and LogicalResourceId take {echoTotal} bytes together; at most {MaxEchoFieldsTotalBytes} fit in an answer.");
            }

            return new CloudFormationRequest
            {
                RequestType = ReadString(root, "RequestType") ?? string.Empty,
                ResponseUrl = responseUrl,
                StackId = stackId,
                RequestId = requestId,
                LogicalResourceId = logicalResourceId,
                ResourceType = ReadString(root, "ResourceType"),
                PhysicalResourceId = ReadString(root, "PhysicalResourceId"),
                ResourceProperties = ReadRaw(root, "ResourceProperties"),
                OldResourceProperties = ReadRaw(root, "OldResourceProperties"),
            };
        }
    }

    private static string ReadResponseUrl(JsonElement root)
    {
        if (!root.TryGetProperty("ResponseURL", out var member))
        {
            throw new MalformedEventException("The event has no ResponseURL.");
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            throw new MalformedEventException($"The event's ResponseURL is a JSON {member.ValueKind}, not a string.");
        }

        var url = TryGetString(member) ?? throw new MalformedEventException("The event's ResponseURL is not valid UTF-16 text.");
        if (url.Length > MaxResponseUrlLength)
        {
            throw new MalformedEventException($"The event's ResponseURL is longer than {MaxResponseUrlLength} characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new MalformedEventException("The event's ResponseURL is not an absolute http(s) URL.");
        }

        return url;
    }

    private static string ReadEchoField(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var member))
        {
            throw new MalformedEventException($"The event has no {name}; an answer must echo it.");
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            throw new MalformedEventException($"The event's {name} is a JSON {member.ValueKind}, not a string.");
        }

        var value = TryGetString(member) ?? throw new MalformedEventException($"The event's {name} is not valid UTF-16 text.");
        var length = EncodedLength(value);
        if (length > MaxEchoFieldBytes)
        {
            throw new MalformedEventException($"The event's {name} takes {length} bytes; at most {MaxEchoFieldBytes} fit in an answer.");
        }

        return value;
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? TryGetString(member) : null;

    // An escaped lone surrogate ("\ud800") is valid JSON but not a string .NET can hold.
    private static string? TryGetString(JsonElement member)
    {
        try
        {
            return member.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonElement? ReadRaw(JsonElement root, string name) =>
        root.TryGetProperty(name, out var member) ? member.Clone() : null;

    // Counted as the answer will write it (relaxed escaping: raw UTF-8, escapes only for quotes and controls).
    private static int EncodedLength(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > MaxEchoFieldBytes * 4
            ? bytes
            : JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.Length;
    }
}
