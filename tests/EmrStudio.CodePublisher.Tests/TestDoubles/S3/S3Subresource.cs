namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// A bucket sub-resource the fake answers itself (s3rver answers NotImplemented for these): its query word, its
/// operations, its XML document (null for the policy, whose body is JSON), and what GET answers while it is unset.
/// </summary>
public sealed record S3Subresource(
    string Query,
    string GetOperation,
    string PutOperation,
    string? DeleteOperation,
    XmlShape? Document,
    Func<string, S3Error>? Absent);
