namespace EmrStudio.CodePublisher.Aws;

/// <summary>
/// Every S3 call the publisher makes, in the order of a first run. The IAM permissions the publisher needs are exactly
/// these calls' actions (docs/publishing-code.md shows them as a policy; a test keeps the two equal).
/// </summary>
internal static class S3Operations
{
    public static S3Operation ListBuckets { get; } = new("ListBuckets", "s3:ListAllMyBuckets", S3ResourceScope.Account);

    /// <summary>With an <c>x-amz-object-ownership</c> header, CreateBucket also needs s3:PutBucketOwnershipControls.</summary>
    public static S3Operation CreateBucket { get; } = new("CreateBucket", "s3:CreateBucket", S3ResourceScope.Bucket);

    public static S3Operation GetBucketLocation { get; } = new("GetBucketLocation", "s3:GetBucketLocation", S3ResourceScope.Bucket);

    public static S3Operation GetPublicAccessBlock { get; } = new("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", S3ResourceScope.Bucket);

    public static S3Operation PutPublicAccessBlock { get; } = new("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock", S3ResourceScope.Bucket);

    public static S3Operation GetBucketOwnershipControls { get; } = new("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", S3ResourceScope.Bucket);

    public static S3Operation PutBucketOwnershipControls { get; } = new("PutBucketOwnershipControls", "s3:PutBucketOwnershipControls", S3ResourceScope.Bucket);

    public static S3Operation GetBucketEncryption { get; } = new("GetBucketEncryption", "s3:GetEncryptionConfiguration", S3ResourceScope.Bucket);

    public static S3Operation PutBucketEncryption { get; } = new("PutBucketEncryption", "s3:PutEncryptionConfiguration", S3ResourceScope.Bucket);

    public static S3Operation GetBucketVersioning { get; } = new("GetBucketVersioning", "s3:GetBucketVersioning", S3ResourceScope.Bucket);

    public static S3Operation PutBucketVersioning { get; } = new("PutBucketVersioning", "s3:PutBucketVersioning", S3ResourceScope.Bucket);

    public static S3Operation GetBucketPolicy { get; } = new("GetBucketPolicy", "s3:GetBucketPolicy", S3ResourceScope.Bucket);

    public static S3Operation PutBucketPolicy { get; } = new("PutBucketPolicy", "s3:PutBucketPolicy", S3ResourceScope.Bucket);

    /// <summary>
    /// HeadObject needs s3:GetObject; without s3:ListBucket on the bucket, S3 answers 403 instead of 404 for a missing
    /// key, so the publisher could not tell "not uploaded yet" from "not allowed".
    /// </summary>
    public static S3Operation HeadObject { get; } = new("HeadObject", "s3:GetObject", S3ResourceScope.CodeObject);

    public static S3Operation ListBucket { get; } = new("HeadObject of a missing key", "s3:ListBucket", S3ResourceScope.Bucket);

    public static S3Operation PutObject { get; } = new("PutObject", "s3:PutObject", S3ResourceScope.CodeObject);

    public static IReadOnlyList<S3Operation> All { get; } =
    [
        ListBuckets, CreateBucket, GetBucketLocation,
        GetPublicAccessBlock, PutPublicAccessBlock,
        GetBucketOwnershipControls, PutBucketOwnershipControls,
        GetBucketEncryption, PutBucketEncryption,
        GetBucketVersioning, PutBucketVersioning,
        GetBucketPolicy, PutBucketPolicy,
        HeadObject, ListBucket, PutObject,
    ];
}
