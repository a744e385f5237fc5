using EmrStudio.CodePublisher.Publishing;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using EmrStudio.CodePublisher.Tests.TestDoubles.S3;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Publishing;

/// <summary>
/// A bucket S3 has just created may answer NoSuchBucket for a while: the publisher waits and tries the step again, a
/// bounded number of times, on a bucket it created only. Time is a fake clock the test moves once the publisher waits.
/// </summary>
[Collection(S3rverCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class NewBucketPropagationTests(S3rverFixture fixture)
{
    private const string Region = "eu-west-1";

    [Fact]
    public async Task Publish_NewBucketUnseenForThreeRequests_WaitsOneTwoFourSecondsAndFinishes()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBuckets = NewBucketDefaults.Bare;
        front.NewBucketUnseenRequests = 3;
        var prefix = NewPrefix();
        var clock = new SteppedClock();
        var running = S3Endpoint.PublishAsync(front, clock, Arguments(HandlerZips.Write(directory.Path, "bootstrap v1"), prefix));

        var waits = await MoveThroughWaitsAsync(clock, running);
        var run = await running;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([1, 2, 4], waits.Select(wait => wait.TotalSeconds));
        Assert.Equal(
            [
                $"bucket {prefix}-{Region}: created in {Region}",
                "block public access: the new bucket is not visible yet (GetPublicAccessBlock answered NoSuchBucket); trying again in 1 s",
                "block public access: the new bucket is not visible yet (GetPublicAccessBlock answered NoSuchBucket); trying again in 2 s",
                "block public access: the new bucket is not visible yet (GetPublicAccessBlock answered NoSuchBucket); trying again in 4 s",
                "block public access: applied (all four on)",
            ],
            run.Lines(Region).Take(5));
        Assert.StartsWith("code: uploaded", run.Lines(Region)[^1], StringComparison.Ordinal);
        Assert.Equal(4, front.Calls.Count(call => call.Operation == "GetPublicAccessBlock"));
    }

    [Theory]
    [InlineData("PutBucketVersioning", "versioning", "versioning: applied (Enabled)")]
    [InlineData("GetBucketPolicy", "bucket policy", "bucket policy: applied (TLS only; organization o-abc123xyz9 reads the code)")]
    [InlineData("PutObject", "code", "code: uploaded")]
    public async Task Publish_NewBucketUnseenByOneCall_TriesThatStepAgainAfterOneSecond(string operation, string step, string settled)
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        var bucket = $"{prefix}-{Region}";
        var clock = new SteppedClock();
        front.AddFault(new S3Fault(bucket, operation, S3Errors.NoSuchBucket(bucket)));
        var running = S3Endpoint.PublishAsync(front, clock, Arguments(HandlerZips.Write(directory.Path, "bootstrap v1"), prefix));

        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync(running));
        front.ClearFaults();
        clock.Advance(TimeSpan.FromSeconds(1));
        var run = await running;

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Lines(Region);
        var waited = lines.ToList().IndexOf($"{step}: the new bucket is not visible yet ({operation} answered NoSuchBucket); trying again in 1 s");
        Assert.True(waited > 0, run.ToString());
        Assert.StartsWith(settled, lines[waited + 1], StringComparison.Ordinal);
        Assert.Equal(2, front.Calls.Count(call => call.Operation == operation));
    }

    [Fact]
    public async Task Publish_NewBucketNeverSeen_FailsTheRegionAfterTheLastWait()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBucketUnseenRequests = int.MaxValue;
        var prefix = NewPrefix();
        var clock = new SteppedClock();
        var running = S3Endpoint.PublishAsync(front, clock, Arguments(HandlerZips.Write(directory.Path, "bootstrap v1"), prefix));

        var waits = await MoveThroughWaitsAsync(clock, running);
        var run = await running;

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(NewBucketPropagation.Waits, waits);
        Assert.Equal(31, waits.Sum(wait => wait.TotalSeconds));
        Assert.Equal(
            "block public access: FAILED: GetPublicAccessBlock (s3:GetBucketPublicAccessBlock) failed: NoSuchBucket (HTTP 404): The specified bucket does not exist",
            run.Lines(Region)[^1]);
        Assert.Equal(NewBucketPropagation.Waits.Count + 1, front.Calls.Count(call => call.Operation == "GetPublicAccessBlock"));
        Assert.DoesNotContain(front.Calls, call => call.Operation == "PutObject");
    }

    [Fact]
    public async Task Publish_FoundBucketAnswersNoSuchBucket_FailsAtOnceWithoutWaiting()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        var bucket = $"{prefix}-{Region}";
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");
        Assert.Equal(0, (await S3Endpoint.PublishAsync(front, Arguments(zip, prefix))).ExitCode);
        front.AddFault(new S3Fault(bucket, "GetBucketVersioning", S3Errors.NoSuchBucket(bucket)));

        // NoWaitClock fails any wait, so a found bucket's NoSuchBucket must fail the region by itself.
        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "versioning: FAILED: GetBucketVersioning (s3:GetBucketVersioning) failed: NoSuchBucket (HTTP 404): The specified bucket does not exist",
            run.Lines(Region)[^1]);
        Assert.DoesNotContain(run.Lines(Region), line => line.Contains("not visible yet", StringComparison.Ordinal));
    }

    /// <summary>Moves the clock by each wait the publisher starts until the run ends; returns the waits in order.</summary>
    private static async Task<List<TimeSpan>> MoveThroughWaitsAsync(SteppedClock clock, Task<PublishRun> running)
    {
        var waits = new List<TimeSpan>();
        while (await clock.NextWaitAsync(running) is { } wait)
        {
            waits.Add(wait);
            clock.Advance(wait);
        }

        return waits;
    }

    private static string[] Arguments(string zip, string prefix) =>
        ["--zip", zip, "--bucket-prefix", prefix, "--regions", Region, "--organization-id", "o-abc123xyz9"];

    private static string NewPrefix() => $"t{Guid.NewGuid():N}"[..17];
}
