namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>What an element without child elements holds.</summary>
public enum XmlLeafKind
{
    /// <summary>Not a leaf: the element holds child elements.</summary>
    None,
    Text,
    Boolean,
    Enum,
}
