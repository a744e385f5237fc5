using Amazon.S3;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>One setting a code bucket must have: read it, and set it when it differs (never assumed, never blindly written).</summary>
internal interface IBucketSetting
{
    /// <summary>How progress lines name it, for example <c>block public access</c>.</summary>
    string Name { get; }

    Task<SettingResult> EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken);
}
