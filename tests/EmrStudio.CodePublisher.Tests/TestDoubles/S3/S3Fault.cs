namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// An error the fake answers instead of the real result, for requests on <paramref name="Bucket"/> (a ListBuckets
/// whose prefix is that bucket counts) and, when given, only for <paramref name="Operation"/>.
/// </summary>
public sealed record S3Fault(string Bucket, string? Operation, S3Error Error);
