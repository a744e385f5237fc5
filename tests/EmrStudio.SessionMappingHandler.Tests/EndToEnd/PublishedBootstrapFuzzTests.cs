using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>Hostile events against the published executable: one process must take them all.</summary>
[Collection(PublishedBootstrapCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class PublishedBootstrapFuzzTests
{
    public const int Seed = 20261124;
    public const int EventCount = 400;

    private readonly PublishedBootstrap _published;
    private readonly ITestOutputHelper _output;

    public PublishedBootstrapFuzzTests(PublishedBootstrap published, ITestOutputHelper output)
    {
        _published = published;
        _output = output;
    }

    [Fact]
    public async Task Bootstrap_HostileEventsFromAFixedSeed_AnswersEachExactlyOnceAndKeepsRunning()
    {
        // The campaign's session stops the runner too; stopping twice is harmless.
        await using var runner = new BootstrapProcessRunner(_published.RequireExecutable());

        var report = await FuzzCampaign.RunAsync(runner, Seed, EventCount);
        _output.WriteLine(FuzzCampaign.Describe(Seed, EventCount, report, runner));

        Assert.True(report.Breaches.Count == 0, FuzzCampaign.Describe(Seed, EventCount, report, runner));
        Assert.True(report.Succeeded > 0 && report.Failed > 0 && report.Unanswerable > 0 && report.Refused > 0, "the campaign did not reach every kind of outcome");
    }
}
