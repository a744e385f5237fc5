namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// An XML element S3 accepts or answers: its name, its children (or the kind of text it holds), and whether it may
/// repeat. The fake reads requests and writes answers by these declarations, and the Full tier compares them with
/// botocore's S3 model, so the fake's element names are exactly the service's.
/// </summary>
public sealed record XmlShape(string Name, IReadOnlyList<XmlShape> Children, XmlLeafKind Leaf, IReadOnlyList<string> Values, bool Repeated)
{
    public static XmlShape Element(string name, params XmlShape[] children) => new(name, children, XmlLeafKind.None, [], false);

    public static XmlShape Text(string name) => new(name, [], XmlLeafKind.Text, [], false);

    public static XmlShape Boolean(string name) => new(name, [], XmlLeafKind.Boolean, [], false);

    public static XmlShape Enum(string name, params string[] values) => new(name, [], XmlLeafKind.Enum, values, false);

    /// <summary>The same element, allowed any number of times (a flattened list, or the items of a wrapped one).</summary>
    public XmlShape Repeating() => this with { Repeated = true };

    public XmlShape? Child(string name) => Children.FirstOrDefault(child => child.Name == name);

    /// <summary>Every element path under and including this one, like <c>OwnershipControls/Rule/ObjectOwnership</c>.</summary>
    public IEnumerable<string> Paths(string? parent = null)
    {
        var path = parent is null ? Name : $"{parent}/{Name}";
        yield return path;
        foreach (var child in Children)
        {
            foreach (var descendant in child.Paths(path))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>Leaf paths with the values they allow, for the enumerations this shape declares.</summary>
    public IEnumerable<(string Path, IReadOnlyList<string> Values)> Enumerations(string? parent = null)
    {
        var path = parent is null ? Name : $"{parent}/{Name}";
        if (Leaf == XmlLeafKind.Enum)
        {
            yield return (path, Values);
        }

        foreach (var child in Children)
        {
            foreach (var enumeration in child.Enumerations(path))
            {
                yield return enumeration;
            }
        }
    }
}
