using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>Object ownership BucketOwnerEnforced: ACLs are off, so the bucket policy alone decides who reads the code.</summary>
internal sealed class ObjectOwnershipSetting : IBucketSetting
{
    public const string AbsentErrorCode = "OwnershipControlsNotFoundError";

    public string Name => "object ownership";

    public async Task<SettingResult> EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var current = await S3Calls.GetOrAbsentAsync(
            S3Operations.GetBucketOwnershipControls,
            AbsentErrorCode,
            () => s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }, cancellationToken),
            cancellationToken);
        var rules = current?.OwnershipControls?.Rules ?? [];
        var before = rules.Count == 0 ? "none" : string.Join(", ", rules.Select(rule => rule.ObjectOwnership?.Value ?? "(empty rule)"));
        var now = ObjectOwnership.BucketOwnerEnforced.Value;
        if (before == now)
        {
            return new SettingResult(Name, Changed: false, before, now);
        }

        await S3Calls.RunAsync(
            S3Operations.PutBucketOwnershipControls,
            () => s3.PutBucketOwnershipControlsAsync(
                new PutBucketOwnershipControlsRequest
                {
                    BucketName = bucket,
                    OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }] },
                },
                cancellationToken),
            cancellationToken);
        return new SettingResult(Name, Changed: true, before, now);
    }
}
