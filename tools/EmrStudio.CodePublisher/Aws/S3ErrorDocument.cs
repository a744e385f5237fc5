using System.Xml;
using System.Xml.Linq;

namespace EmrStudio.CodePublisher.Aws;

/// <summary>The code and message of an S3 error document (<c>&lt;Error&gt;&lt;Code&gt;...</c>).</summary>
internal sealed record S3ErrorDocument(string Code, string Message)
{
    /// <summary>The error <paramref name="text"/> holds, or null when it is not an S3 error document.</summary>
    public static S3ErrorDocument? TryRead(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('<'))
        {
            return null;
        }

        try
        {
            var root = XDocument.Parse(text).Root;
            return root?.Name.LocalName == "Error" && root.Element("Code")?.Value is { Length: > 0 } code
                ? new S3ErrorDocument(code, root.Element("Message")?.Value ?? string.Empty)
                : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
