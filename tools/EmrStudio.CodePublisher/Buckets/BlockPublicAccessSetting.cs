using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>Block Public Access with all four settings on: the organization reads through its policy, nobody else at all.</summary>
internal sealed class BlockPublicAccessSetting : IBucketSetting
{
    public const string AbsentErrorCode = "NoSuchPublicAccessBlockConfiguration";

    public string Name => "block public access";

    public async Task<SettingResult> EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var current = await S3Calls.GetOrAbsentAsync(
            S3Operations.GetPublicAccessBlock,
            AbsentErrorCode,
            () => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, cancellationToken),
            cancellationToken);
        var before = Describe(current?.PublicAccessBlockConfiguration);
        const string now = "all four on";
        if (before == now)
        {
            return new SettingResult(Name, Changed: false, before, now);
        }

        await S3Calls.RunAsync(
            S3Operations.PutPublicAccessBlock,
            () => s3.PutPublicAccessBlockAsync(
                new PutPublicAccessBlockRequest
                {
                    BucketName = bucket,
                    PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                    {
                        BlockPublicAcls = true,
                        IgnorePublicAcls = true,
                        BlockPublicPolicy = true,
                        RestrictPublicBuckets = true,
                    },
                },
                cancellationToken),
            cancellationToken);
        return new SettingResult(Name, Changed: true, before, now);
    }

    private static string Describe(PublicAccessBlockConfiguration? configuration)
    {
        if (configuration is null)
        {
            return "none";
        }

        var off = new[]
        {
            ("BlockPublicAcls", configuration.BlockPublicAcls),
            ("IgnorePublicAcls", configuration.IgnorePublicAcls),
            ("BlockPublicPolicy", configuration.BlockPublicPolicy),
            ("RestrictPublicBuckets", configuration.RestrictPublicBuckets),
        }.Where(setting => setting.Item2 != true).Select(setting => setting.Item1).ToList();
        return off.Count == 0 ? "all four on" : $"{string.Join(", ", off)} off";
    }
}
