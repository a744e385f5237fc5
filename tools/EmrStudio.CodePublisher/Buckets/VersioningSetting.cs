using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>Versioning Enabled: an overwritten or deleted code object can be recovered while stacks still name its key.</summary>
internal sealed class VersioningSetting : IBucketSetting
{
    public string Name => "versioning";

    public async Task<SettingResult> EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var current = await S3Calls.RunAsync(
            S3Operations.GetBucketVersioning,
            () => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket }, cancellationToken),
            cancellationToken);
        var status = current.VersioningConfig?.Status;
        var before = status is null || status == VersionStatus.Off ? "never enabled" : status.Value;
        var now = VersionStatus.Enabled.Value;
        if (before == now)
        {
            return new SettingResult(Name, Changed: false, before, now);
        }

        await S3Calls.RunAsync(
            S3Operations.PutBucketVersioning,
            () => s3.PutBucketVersioningAsync(
                new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } },
                cancellationToken),
            cancellationToken);
        return new SettingResult(Name, Changed: true, before, now);
    }
}
