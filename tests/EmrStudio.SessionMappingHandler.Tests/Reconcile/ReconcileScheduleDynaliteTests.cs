using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.SessionMappingHandler.Tests.Reconcile;

/// <summary><see cref="ReconcileScheduleTests"/> with the records in dynalite, read and paged as DynamoDB does.</summary>
[Collection(DynaliteCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ReconcileScheduleDynaliteTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    [Fact]
    public async Task Schedule_ThirtyPercentThrottled_ChecksEveryRecordAndSkipsNoneInTwoRunsInARow()
    {
        using var client = dynalite.CreateClient();
        var records = new DynamoDbMappingRecords(client, await dynalite.Dynalite.CreateRecordTableAsync());

        var result = await ThrottledSchedule.RunAsync(records, writesAtOnce: 8);
        output.WriteLine(result.ToString());

        Assert.True(result.Runs > 1, $"one run checked all {result.Records} records: the checkpoint was never used");
        Assert.True(result.Skips > 0, "no check ran out of time: the runs that follow a skip were not tested");
        Assert.True(result.Complete, result.ToString());
        Assert.Equal(1, result.MaxConsecutiveSkips);
    }
}
