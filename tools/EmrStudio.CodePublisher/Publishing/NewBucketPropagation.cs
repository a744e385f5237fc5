using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>
/// A bucket S3 has just created can still answer NoSuchBucket for a while: bucket configuration is eventually
/// consistent. Calls on a bucket this run created are tried again after these waits (31 s in all) before the region
/// fails; on a bucket that was found, NoSuchBucket means it is gone, and fails at once.
/// </summary>
internal static class NewBucketPropagation
{
    public const string NoSuchBucket = "NoSuchBucket";

    public static IReadOnlyList<TimeSpan> Waits { get; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    public static bool IsNotYetVisible(S3CallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ErrorCode == NoSuchBucket;
    }
}
