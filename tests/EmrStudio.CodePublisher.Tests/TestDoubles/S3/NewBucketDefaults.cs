namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>What a bucket has when CreateBucket made it.</summary>
public enum NewBucketDefaults
{
    /// <summary>As S3 has made buckets since April 2023: Block Public Access all on, BucketOwnerEnforced, SSE-S3; no versioning, no policy.</summary>
    Current,

    /// <summary>Nothing configured (older buckets, or S3-compatible stores): every setting must be written.</summary>
    Bare,
}
