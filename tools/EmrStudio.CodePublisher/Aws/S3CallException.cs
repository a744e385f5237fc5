using Amazon.Runtime;

namespace EmrStudio.CodePublisher.Aws;

/// <summary>An S3 call that failed, with the call and the action it needed, so that a report can say what to grant or fix.</summary>
internal sealed class S3CallException(S3Operation operation, string detail, Exception? inner, string? errorCode = null)
    : Exception($"{operation.Name} ({operation.Action}) failed: {detail}", inner)
{
    public S3Operation Operation { get; } = operation;

    /// <summary>What S3 (or the connection) said, for example <c>AccessDenied (HTTP 403): Access Denied</c>.</summary>
    public string Detail { get; } = detail;

    /// <summary>S3's error code (<c>NoSuchBucket</c>, <c>AccessDenied</c>, ...), or null when S3 gave none.</summary>
    public string? ErrorCode { get; } = errorCode ?? (inner as AmazonServiceException)?.ErrorCode;
}
