using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.SessionMappingHandler.Tests.Reconcile;

/// <summary>
/// The scheduled reconcile run after run over a few hundred records while EMR throttles three calls in ten: each run
/// stops when the function's time runs out and the next resumes from the checkpoint, so every record gets checked,
/// and a check that ran out of time is made by the very next run. Records in memory; the dynalite version is
/// <see cref="ReconcileScheduleDynaliteTests"/>, the large one the scale command (build/scale.sh).
/// </summary>
public sealed class ReconcileScheduleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Schedule_ThirtyPercentThrottled_ChecksEveryRecordAndSkipsNoneInTwoRunsInARow()
    {
        var result = await ThrottledSchedule.RunAsync(new InMemoryMappingRecords(), writesAtOnce: 1);
        output.WriteLine(result.ToString());

        Assert.True(result.Runs > 1, $"one run checked all {result.Records} records: the checkpoint was never used");
        Assert.True(result.Skips > 0, "no check ran out of time: the runs that follow a skip were not tested");
        Assert.True(result.Complete, result.ToString());
        Assert.Equal(1, result.MaxConsecutiveSkips);
        Assert.True(result.EmrThrottled > ThrottledSchedule.ThrottledInARow, result.ToString());
    }
}
