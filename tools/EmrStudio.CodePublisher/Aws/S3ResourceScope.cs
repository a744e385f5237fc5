namespace EmrStudio.CodePublisher.Aws;

/// <summary>What an IAM action is granted on: no resource, the code buckets, or the code objects in them.</summary>
internal enum S3ResourceScope
{
    Account,
    Bucket,
    CodeObject,
}
