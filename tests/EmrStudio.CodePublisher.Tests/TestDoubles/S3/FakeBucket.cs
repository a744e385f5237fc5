using System.Xml.Linq;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>What the fake keeps about a bucket beside s3rver: its region and the sub-resources s3rver lacks.</summary>
public sealed class FakeBucket(string region, string? locationConstraint)
{
    public string Region { get; } = region;

    /// <summary>As CreateBucket named it (<c>EU</c> stays <c>EU</c>, as S3 answers it); null for us-east-1.</summary>
    public string? LocationConstraint { get; } = locationConstraint;

    /// <summary>The stored XML document per sub-resource query word (<c>versioning</c>, <c>encryption</c>, ...).</summary>
    public Dictionary<string, XElement> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>The policy as S3 hands it back.</summary>
    public string? Policy { get; set; }

    public bool VersioningEnabled =>
        Documents.TryGetValue(S3Documents.VersioningResource.Query, out var document)
        && document.Elements().Any(element => element.Name.LocalName == "Status" && element.Value == "Enabled");

    public bool BlockPublicPolicy =>
        Documents.TryGetValue(S3Documents.PublicAccessBlockResource.Query, out var document)
        && document.Elements().Any(element => element.Name.LocalName == "BlockPublicPolicy" && element.Value == "true");

    /// <summary>The default encryption's algorithm, or null.</summary>
    public string? DefaultEncryption =>
        Documents.TryGetValue(S3Documents.EncryptionResource.Query, out var document)
            ? document.Descendants().FirstOrDefault(element => element.Name.LocalName == "SSEAlgorithm")?.Value
            : null;
}
