using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Inputs;
using EmrStudio.CodePublisher.Reporting;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>
/// Brings one region to the desired state, one step after another, writing one line per step: the bucket (found or
/// created), each setting (verified, applied or repaired), then the code object (uploaded or already there).
/// </summary>
internal sealed class RegionPublisher(IS3ClientFactory clients, PublishPlan plan, TextWriter output)
{
    public const string BucketStep = "bucket";
    public const string CodeStep = "code";

    public async Task<RegionResult> PublishAsync(string region, CancellationToken cancellationToken)
    {
        var result = new RegionResult(region, CodeBucketName.For(plan.BucketPrefix, region));
        var step = BucketStep;
        try
        {
            using var s3 = clients.Create(region);
            result.BucketState = await CodeBucketLocator.EnsureAsync(s3, result.Bucket, region, cancellationToken);
            await WriteAsync(region, ProgressText.Bucket(result));
            foreach (var setting in Settings())
            {
                step = setting.Name;
                var settingResult = await setting.EnsureAsync(s3, result.Bucket, cancellationToken);
                result.Settings.Add(settingResult);
                await WriteAsync(region, ProgressText.Setting(settingResult, result.BucketState.Value));
            }

            step = CodeStep;
            result.Code = await CodeObject.EnsureAsync(s3, result.Bucket, plan.Zip, cancellationToken);
            await WriteAsync(region, ProgressText.Code(result.Code, result.Bucket, plan.Zip.Key));
        }
        catch (S3CallException exception)
        {
            result.Failure = new RegionFailure(step, exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever else breaks (a client that cannot be built, an SDK surprise) stops this region only.
            result.Failure = new RegionFailure(step, $"{exception.GetType().Name}: {S3Calls.Describe(exception)}");
        }

        if (result.Failure is { } failure)
        {
            await WriteAsync(region, $"{failure.Step}: FAILED: {failure.Message}");
        }

        return result;
    }

    /// <summary>
    /// In this order: public access is blocked before anything else changes, and the policy, which grants the
    /// organization read access, comes after the settings that keep everyone else out.
    /// </summary>
    private IEnumerable<IBucketSetting> Settings() =>
    [
        new BlockPublicAccessSetting(),
        new ObjectOwnershipSetting(),
        new DefaultEncryptionSetting(),
        new VersioningSetting(),
        new CodeBucketPolicySetting(plan.Partition, plan.OrganizationId),
    ];

    private Task WriteAsync(string region, string line) => output.WriteLineAsync($"[{region}] {line}");
}
