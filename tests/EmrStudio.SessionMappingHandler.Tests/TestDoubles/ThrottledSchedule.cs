using EmrStudio.Scale.Reconcile.Campaign;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.Testing.Emr;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// The scheduled reconcile over a few hundred records, small enough for the suite: EMR's fake over HTTP answering
/// three calls in ten with ThrottlingException (a seeded draw), and first a stretch of calls all throttled, long
/// enough that the checks caught in it run out of time, short enough to end within the first run. Runs of the
/// template's function time on a <see cref="VirtualClock"/> at the default pace, so that the table takes several
/// runs, until every record is checked.
/// </summary>
internal static class ThrottledSchedule
{
    public const int Records = 600;

    /// <summary>Throttled calls in a row: about three checks' time (10 s each), a third of a run's.</summary>
    public const int ThrottledInARow = 30;

    public static async Task<ReconcileCampaignResult> RunAsync(IMappingRecords records, int writesAtOnce)
    {
        await using var emr = new FakeEmr(seed: 20261124);
        await emr.StartAsync();
        var options = new ReconcileOptions { FunctionName = "EmrStudioSessionMapping" };
        var clock = new VirtualClock(WatchedTimeProvider.Epoch, EmrClient.DefaultAttemptTimeout < options.PerRecordTimeout ? EmrClient.DefaultAttemptTimeout : options.PerRecordTimeout);
        var seeded = await ReconcileCampaign.SeedAsync(emr, records, Records, writesAtOnce, clock.GetUtcNow());
        emr.ThrottleFraction = 0.3;
        emr.FailNext("GetStudioSessionMapping", ThrottledInARow, FakeEmrFault.Throttle);
        var settings = new ReconcileCampaignSettings { Clock = clock, Options = options, MaxRuns = 20 };
        return await new ReconcileCampaign(emr, records, seeded, settings).RunAsync(CancellationToken.None).Guarded();
    }
}
