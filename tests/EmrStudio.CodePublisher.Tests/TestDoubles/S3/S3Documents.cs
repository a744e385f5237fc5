using static EmrStudio.CodePublisher.Tests.TestDoubles.S3.XmlShape;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>The documents and sub-resources the fake implements, declared once for its reader, its writer and the model check.</summary>
public static class S3Documents
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static XmlShape Versioning { get; } = Element(
        "VersioningConfiguration",
        Enum("MfaDelete", "Enabled", "Disabled"),
        Enum("Status", "Enabled", "Suspended"));

    public static XmlShape Encryption { get; } = Element(
        "ServerSideEncryptionConfiguration",
        Element(
            "Rule",
            Element(
                "ApplyServerSideEncryptionByDefault",
                Enum("SSEAlgorithm", "AES256", "aws:fsx", "aws:kms", "aws:kms:dsse"),
                Text("KMSMasterKeyID")),
            Boolean("BucketKeyEnabled"),
            Element("BlockedEncryptionTypes", Enum("EncryptionType", "NONE", "SSE-C").Repeating())).Repeating());

    public static XmlShape PublicAccessBlock { get; } = Element(
        "PublicAccessBlockConfiguration",
        Boolean("BlockPublicAcls"),
        Boolean("IgnorePublicAcls"),
        Boolean("BlockPublicPolicy"),
        Boolean("RestrictPublicBuckets"));

    public static XmlShape OwnershipControls { get; } = Element(
        "OwnershipControls",
        Element("Rule", Enum("ObjectOwnership", "BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced")).Repeating());

    /// <summary>CreateBucket's body. LocationConstraint is read as text: the region list is S3's, not the fake's.</summary>
    public static XmlShape CreateBucketConfiguration { get; } = Element(
        "CreateBucketConfiguration",
        Text("LocationConstraint"),
        Element("Location", Enum("Type", "AvailabilityZone", "LocalZone"), Text("Name")),
        Element("Bucket", Enum("DataRedundancy", "SingleAvailabilityZone", "SingleLocalZone"), Enum("Type", "Directory")),
        Element("Tags", Element("Tag", Text("Key"), Text("Value")).Repeating()));

    /// <summary>GetBucketLocation's answer: the root element holds the constraint (empty for us-east-1).</summary>
    public static XmlShape LocationConstraint { get; } = Text("LocationConstraint");

    public static S3Subresource VersioningResource { get; } =
        new("versioning", "GetBucketVersioning", "PutBucketVersioning", null, Versioning, null);

    public static S3Subresource EncryptionResource { get; } =
        new("encryption", "GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption", Encryption, S3Errors.ServerSideEncryptionConfigurationNotFound);

    public static S3Subresource PublicAccessBlockResource { get; } =
        new("publicAccessBlock", "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock", PublicAccessBlock, S3Errors.NoSuchPublicAccessBlockConfiguration);

    public static S3Subresource OwnershipControlsResource { get; } =
        new("ownershipControls", "GetBucketOwnershipControls", "PutBucketOwnershipControls", "DeleteBucketOwnershipControls", OwnershipControls, S3Errors.OwnershipControlsNotFound);

    public static S3Subresource PolicyResource { get; } =
        new("policy", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", null, S3Errors.NoSuchBucketPolicy);

    public static IReadOnlyList<S3Subresource> Subresources { get; } =
        [VersioningResource, EncryptionResource, PublicAccessBlockResource, OwnershipControlsResource, PolicyResource];

    /// <summary>
    /// Operations whose request S3 refuses without an integrity checksum (Content-MD5 or x-amz-checksum-*): every PUT of
    /// a sub-resource above. The model check compares this set with botocore's requestChecksumRequired.
    /// </summary>
    public static IReadOnlySet<string> ChecksumRequired { get; } =
        new HashSet<string>(Subresources.Select(resource => resource.PutOperation), StringComparer.Ordinal);
}
