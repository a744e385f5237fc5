using EmrStudio.SessionMappingHandler.Tests.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>The same hostile events against the composition root in this process, with another seed for more variety.</summary>
public sealed class InProcessFuzzTests
{
    public const int Seed = 5813;
    public const int EventCount = 300;

    private readonly ITestOutputHelper _output;

    public InProcessFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Handler_HostileEventsFromAFixedSeed_AnswersEachExactlyOnceAndKeepsRunning()
    {
        // The campaign's session stops the runner too; stopping twice is harmless.
        await using var runner = new InProcessRunner();

        var report = await FuzzCampaign.RunAsync(runner, Seed, EventCount);
        _output.WriteLine(FuzzCampaign.Describe(Seed, EventCount, report, runner));

        Assert.True(report.Breaches.Count == 0, FuzzCampaign.Describe(Seed, EventCount, report, runner));
        Assert.True(report.Succeeded > 0 && report.Failed > 0 && report.Unanswerable > 0 && report.Refused > 0, "the campaign did not reach every kind of outcome");
    }
}
