using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>
/// Default encryption SSE-S3 (AES256). SSE-KMS would need every account of the organization to be allowed to decrypt
/// with the key, which a KMS key policy can grant but the publisher cannot see or repair; SSE-S3 needs nothing.
/// </summary>
internal sealed class DefaultEncryptionSetting : IBucketSetting
{
    public const string AbsentErrorCode = "ServerSideEncryptionConfigurationNotFoundError";

    public string Name => "default encryption";

    public async Task<SettingResult> EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var current = await S3Calls.GetOrAbsentAsync(
            S3Operations.GetBucketEncryption,
            AbsentErrorCode,
            () => s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, cancellationToken),
            cancellationToken);
        var rules = current?.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules ?? [];
        var before = rules.Count == 0
            ? "none"
            : string.Join(", ", rules.Select(rule => rule.ServerSideEncryptionByDefault?.ServerSideEncryptionAlgorithm?.Value ?? "(no default)"));
        var now = $"SSE-S3 ({ServerSideEncryptionMethod.AES256.Value})";
        if (before == ServerSideEncryptionMethod.AES256.Value)
        {
            return new SettingResult(Name, Changed: false, now, now);
        }

        var rule = new ServerSideEncryptionRule
        {
            ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 },
        };
        if (rules.FirstOrDefault()?.BlockedEncryptionTypes is { } blocked)
        {
            // The owner's choice of which encryption types uploads may not use is independent of the default: keep it.
            rule.BlockedEncryptionTypes = blocked;
        }

        await S3Calls.RunAsync(
            S3Operations.PutBucketEncryption,
            () => s3.PutBucketEncryptionAsync(
                new PutBucketEncryptionRequest
                {
                    BucketName = bucket,
                    ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration { ServerSideEncryptionRules = [rule] },
                },
                cancellationToken),
            cancellationToken);
        return new SettingResult(Name, Changed: true, before, now);
    }
}
