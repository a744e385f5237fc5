using Amazon.Runtime;
using Amazon.S3;
using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Cli;
using EmrStudio.CodePublisher.Tests.TestDoubles.S3;
using EmrStudio.Testing.Emulators;

namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>Runs the publish command against an <see cref="S3Front"/>, and makes SDK clients to set buckets up or read them back.</summary>
public static class S3Endpoint
{
    public static BasicAWSCredentials Credentials { get; } = new(S3rver.AccessKeyId, S3rver.SecretAccessKey);

    /// <summary>
    /// The command as a user runs it with --endpoint-url, one attempt per call so that an injected fault is final, in
    /// a run that must not wait (<see cref="NoWaitClock"/>).
    /// </summary>
    public static Task<PublishRun> PublishAsync(S3Front front, params string[] args) => PublishAsync(front, NoWaitClock.Instance, args);

    /// <summary>The command as <see cref="PublishAsync(S3Front, string[])"/> runs it, with its waits on <paramref name="time"/>.</summary>
    public static async Task<PublishRun> PublishAsync(S3Front front, TimeProvider time, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(front);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PublishCommand.RunAsync(
            [.. args, "--endpoint-url", front.BaseAddress.ToString(), "--max-attempts", "1"],
            output,
            error,
            options => Task.FromResult<IS3ClientFactory>(new S3ClientFactory(Credentials, options.EndpointUrl, options.MaxAttempts)),
            time,
            CancellationToken.None);
        return new PublishRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The SDK's own client for a region, through the front, without retries.</summary>
    public static AmazonS3Client Client(S3Front front, string region)
    {
        ArgumentNullException.ThrowIfNull(front);
        return new AmazonS3Client(Credentials, new AmazonS3Config
        {
            ServiceURL = front.BaseAddress.ToString(),
            AuthenticationRegion = region,
            ForcePathStyle = true,
            MaxErrorRetry = 0,
        });
    }
}
