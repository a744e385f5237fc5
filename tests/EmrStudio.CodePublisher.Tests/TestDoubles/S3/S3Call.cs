namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>One request the fake received: the S3 operation, the bucket and key, the region it was signed for, and the status answered.</summary>
public sealed record S3Call(string Operation, string? Bucket, string? Key, string? SignedRegion, int Status);
