namespace EmrStudio.CodePublisher.Buckets;

/// <summary>Whether this run made the region's code bucket or found it already in the account.</summary>
internal enum BucketState
{
    Created,
    Found,
}
