using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Reporting;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>
/// Publishes the zip to every region of the plan, one region after another so that each region's lines read in
/// order; a region that fails does not stop the others. Ends with the summary table and the parameters to deploy with.
/// </summary>
internal static class CodePublisher
{
    public static async Task<IReadOnlyList<RegionResult>> RunAsync(
        PublishPlan plan, IS3ClientFactory clients, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        var zip = plan.Zip;
        await output.WriteLineAsync($"Zip: {zip.Path} ({ProgressText.Bytes(zip.Bytes.LongLength)}, SHA-256 {zip.ZipSha256Hex})");
        await output.WriteLineAsync($"bootstrap SHA-256: {zip.BootstrapSha256Hex}");
        await output.WriteLineAsync($"Code key: {zip.Key}");
        await output.WriteLineAsync($"Regions: {string.Join(", ", plan.Regions)}; buckets {plan.BucketPrefix}-<region>; organization {plan.OrganizationId}");
        await output.WriteLineAsync();

        var publisher = new RegionPublisher(clients, plan, output, time);
        var results = new List<RegionResult>();
        foreach (var region in plan.Regions)
        {
            results.Add(await publisher.PublishAsync(region, cancellationToken));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Summary");
        await output.WriteAsync(SummaryTable.Render(results));
        var failed = results.Where(result => !result.Succeeded).ToList();
        if (failed.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{failed.Count} of {results.Count} region(s) failed:");
            foreach (var result in failed)
            {
                await output.WriteLineAsync($"  {result.Region}: {result.Failure!.Step}: {result.Failure.Message}");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("CloudFormation parameters (template.stackset.yaml):");
        await output.WriteLineAsync($"  CodeBucketPrefix={plan.BucketPrefix}");
        await output.WriteLineAsync($"  CodeKey={zip.Key}");
        await output.WriteLineAsync($"  as --parameters: ParameterKey=CodeBucketPrefix,ParameterValue={plan.BucketPrefix} ParameterKey=CodeKey,ParameterValue={zip.Key}");
        if (failed.Count > 0)
        {
            await output.WriteLineAsync(
                $"Stack instances in {string.Join(", ", failed.Select(result => result.Region))} cannot deploy until a run succeeds there; runs are idempotent, so run the same command again once the cause is fixed.");
        }

        return results;
    }
}
