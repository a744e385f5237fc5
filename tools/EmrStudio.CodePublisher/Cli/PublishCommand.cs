using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Code;
using EmrStudio.CodePublisher.Inputs;
using EmrStudio.CodePublisher.Publishing;
using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.CodePublisher.Cli;

/// <summary>The whole command: check the inputs, then publish region by region; returns the exit code.</summary>
internal static class PublishCommand
{
    /// <param name="args">The command line.</param>
    /// <param name="output">Progress, the summary and the parameters.</param>
    /// <param name="error">Input problems and help.</param>
    /// <param name="clientsFor">Makes the S3 clients once the options are known (resolving credentials may fail as invalid input).</param>
    /// <param name="time">The clock the waits on a new bucket run on (<see cref="NewBucketPropagation"/>).</param>
    /// <param name="cancellationToken">Stops between calls.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        Func<PublishOptions, Task<IS3ClientFactory>> clientsFor,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(clientsFor);
        ArgumentNullException.ThrowIfNull(time);
        PublishPlan plan;
        IS3ClientFactory clients;
        try
        {
            var options = CommandLine.Parse(args);
            if (options is null)
            {
                await output.WriteLineAsync(CommandLine.Usage);
                return ExitCodes.Success;
            }

            var zip = HandlerZip.Read(options.ZipPath);
            plan = new PublishPlan(zip, options.BucketPrefix, options.Regions, options.OrganizationId, AwsPartition.ForRegion(options.Regions[0]).Name);
            clients = await clientsFor(options);
        }
        catch (InvalidInputException exception)
        {
            await error.WriteLineAsync(exception.Message);
            await error.WriteLineAsync("Run with --help for the options.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var results = await Publishing.CodePublisher.RunAsync(plan, clients, output, time, cancellationToken);
            return results.All(result => result.Succeeded) ? ExitCodes.Success : ExitCodes.RegionFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted; run the same command again to finish (runs are idempotent).");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>The real clients: credentials from --profile or the default chain, then one client per region.</summary>
    public static async Task<IS3ClientFactory> AwsClientsAsync(PublishOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var credentials = await PublisherCredentials.ResolveAsync(options.Profile);
        return new S3ClientFactory(credentials, options.EndpointUrl, options.MaxAttempts);
    }
}
