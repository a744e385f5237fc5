using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>The bucket policy holds <see cref="CodeBucketPolicy"/>'s statements; the owner's other statements stay.</summary>
internal sealed class CodeBucketPolicySetting(string partition, string organizationId) : IBucketSetting
{
    public const string AbsentErrorCode = "NoSuchBucketPolicy";

    public string Name => "bucket policy";

    public async Task<SettingResult> EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var current = await S3Calls.GetOrAbsentAsync(
            S3Operations.GetBucketPolicy,
            AbsentErrorCode,
            () => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken),
            cancellationToken);
        var existing = string.IsNullOrEmpty(current?.Policy) ? null : current.Policy;
        if (S3ErrorDocument.TryRead(existing) is { } error)
        {
            // AWSSDK.S3 4.1 does not raise S3's 404 answers to GetBucketPolicy: it returns them as a response whose
            // Policy is the error document. NoSuchBucketPolicy means "no policy"; anything else is the failure it says.
            if (error.Code != AbsentErrorCode)
            {
                throw new S3CallException(
                    S3Operations.GetBucketPolicy,
                    $"{error.Code} (HTTP {(int)current!.HttpStatusCode}){(error.Message.Length > 0 ? ": " + error.Message : string.Empty)}",
                    null,
                    error.Code);
            }

            existing = null;
        }
        PolicyMerge merge;
        try
        {
            merge = CodeBucketPolicy.Merge(existing, CodeBucketPolicy.Statements(partition, bucket, organizationId));
        }
        catch (InvalidDataException exception)
        {
            throw new S3CallException(S3Operations.GetBucketPolicy, exception.Message, exception);
        }

        var now = $"TLS only; organization {organizationId} reads the code"
            + (merge.OtherStatements > 0 ? $"; {merge.OtherStatements} other statement(s) kept" : string.Empty);
        if (!merge.Changed)
        {
            return new SettingResult(Name, Changed: false, now, now);
        }

        await S3Calls.RunAsync(
            S3Operations.PutBucketPolicy,
            () => s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = merge.Policy }, cancellationToken),
            cancellationToken);
        var before = existing is null ? "none" : string.Join(", ", merge.Changes);
        return new SettingResult(Name, Changed: true, before, now);
    }
}
