using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace EmrStudio.CodePublisher.Aws;

/// <summary>Runs S3 calls so that a failure names the call and its IAM action, and a documented "absent" answer is not a failure.</summary>
internal static class S3Calls
{
    /// <summary>Runs <paramref name="call"/>; any failure becomes an <see cref="S3CallException"/>.</summary>
    public static async Task<T> RunAsync<T>(S3Operation operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception exception) when (IsCallFailure(exception, cancellationToken))
        {
            throw new S3CallException(operation, Describe(exception), exception);
        }
    }

    /// <summary>
    /// Runs a read whose subject may not exist; S3 answers that with its own error code per sub-resource
    /// (<c>NoSuchBucketPolicy</c>, <c>OwnershipControlsNotFoundError</c>, ...), which comes back as null.
    /// </summary>
    public static async Task<T?> GetOrAbsentAsync<T>(S3Operation operation, string absentErrorCode, Func<Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == absentErrorCode)
        {
            return null;
        }
        catch (Exception exception) when (IsCallFailure(exception, cancellationToken))
        {
            throw new S3CallException(operation, Describe(exception), exception);
        }
    }

    /// <summary>What went wrong, as one line: S3's code, status and message, or the connection's failure.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AmazonServiceException service when service.StatusCode != 0 =>
                $"{(string.IsNullOrEmpty(service.ErrorCode) ? "error" : service.ErrorCode)} (HTTP {(int)service.StatusCode}){MessageOf(service)}",
            _ => Innermost(exception),
        };
    }

    private static string MessageOf(AmazonServiceException exception) =>
        string.IsNullOrWhiteSpace(exception.Message) || exception.Message == exception.ErrorCode ? string.Empty : ": " + exception.Message;

    private static string Innermost(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (parts.Count == 0 || !parts[^1].Contains(current.Message, StringComparison.Ordinal))
            {
                parts.Add(current.Message);
            }
        }

        return string.Join(": ", parts);
    }

    private static bool IsCallFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or WebException or IOException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
