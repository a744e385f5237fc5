using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Inputs;
using EmrStudio.CodePublisher.Reporting;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>
/// Brings one region to the desired state, one step after another, writing one line per step: the bucket (found or
/// created), each setting (verified, applied or repaired), then the code object (uploaded or already there). On a bucket
/// this run created, a step that S3 answers with NoSuchBucket is tried again after a wait (<see cref="NewBucketPropagation"/>).
/// </summary>
/// <param name="clients">Makes the region's S3 client.</param>
/// <param name="plan">What to publish.</param>
/// <param name="output">Where the progress lines go.</param>
/// <param name="time">The clock of the waits between the tries on a bucket that is not visible yet (<see cref="NewBucketPropagation"/>).</param>
internal sealed class RegionPublisher(IS3ClientFactory clients, PublishPlan plan, TextWriter output, TimeProvider time)
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
            var created = result.BucketState == BucketState.Created;
            foreach (var setting in Settings())
            {
                step = setting.Name;
                var settingResult = await UntilVisibleAsync(region, step, created, () => setting.EnsureAsync(s3, result.Bucket, cancellationToken), cancellationToken);
                result.Settings.Add(settingResult);
                await WriteAsync(region, ProgressText.Setting(settingResult, result.BucketState.Value));
            }

            step = CodeStep;
            result.Code = await UntilVisibleAsync(region, step, created, () => CodeObject.EnsureAsync(s3, result.Bucket, plan.Zip, cancellationToken), cancellationToken);
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

    private async Task<T> UntilVisibleAsync<T>(string region, string step, bool created, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await run();
            }
            catch (S3CallException exception) when (created && NewBucketPropagation.IsNotYetVisible(exception) && attempt < NewBucketPropagation.Waits.Count)
            {
                var pause = NewBucketPropagation.Waits[attempt];
                await WriteAsync(region, $"{step}: the new bucket is not visible yet ({exception.Operation.Name} answered {exception.ErrorCode}); trying again in {pause.TotalSeconds:0} s");
                await Task.Delay(pause, time, cancellationToken);
            }
        }
    }

    private Task WriteAsync(string region, string line) => output.WriteLineAsync($"[{region}] {line}");
}
