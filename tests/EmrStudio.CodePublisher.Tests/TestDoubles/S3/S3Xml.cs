using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// Reads request documents as S3 does (any element, value or nesting the schema does not declare is MalformedXML) and
/// writes answers in S3's namespace.
/// </summary>
public static class S3Xml
{
    private static readonly XNamespace Ns = S3Documents.Namespace;

    /// <summary>The document in <paramref name="body"/>, checked against <paramref name="shape"/> and put in S3's namespace; null when it does not validate.</summary>
    public static XElement? Read(byte[] body, XmlShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        return document.Root is { } root && Accepts(root, shape) ? Normalize(root) : null;
    }

    /// <summary>An answer body: the XML declaration and <paramref name="root"/> in S3's namespace.</summary>
    public static byte[] Answer(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Normalize(root).ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>An element of S3's namespace.</summary>
    public static XElement Element(string name, params object?[] content) => new(Ns + name, content);

    /// <summary>The element paths a document holds, like the model check lists them.</summary>
    public static IReadOnlySet<string> Paths(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Collect(root, null, paths);
        return paths;
    }

    private static void Collect(XElement element, string? parent, HashSet<string> paths)
    {
        var path = parent is null ? element.Name.LocalName : $"{parent}/{element.Name.LocalName}";
        paths.Add(path);
        foreach (var child in element.Elements())
        {
            Collect(child, path, paths);
        }
    }

    private static bool Accepts(XElement element, XmlShape shape)
    {
        if (element.Name.LocalName != shape.Name || (element.Name.Namespace != Ns && element.Name.Namespace != XNamespace.None))
        {
            return false;
        }

        if (shape.Leaf != XmlLeafKind.None)
        {
            var value = element.Value;
            return !element.HasElements && shape.Leaf switch
            {
                XmlLeafKind.Boolean => value is "true" or "false",
                XmlLeafKind.Enum => shape.Values.Contains(value),
                _ => true,
            };
        }

        if (element.Nodes().OfType<XText>().Any(text => !string.IsNullOrWhiteSpace(text.Value)))
        {
            return false;
        }

        foreach (var group in element.Elements().GroupBy(child => child.Name.LocalName))
        {
            var childShape = shape.Child(group.Key);
            if (childShape is null || (!childShape.Repeated && group.Count() > 1) || group.Any(child => !Accepts(child, childShape)))
            {
                return false;
            }
        }

        return true;
    }

    private static XElement Normalize(XElement element) =>
        element.HasElements
            ? new XElement(Ns + element.Name.LocalName, element.Elements().Select(Normalize))
            : new XElement(Ns + element.Name.LocalName, element.Value);
}
