using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Amazon.Runtime;
using EmrStudio.Scale.Reconcile.Campaign;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Emulators;

namespace EmrStudio.Scale.Reconcile;

/// <summary>
/// The scheduled reconcile over many records: the handler's own classes, records in dynalite, EMR's fake over HTTP.
/// One pass measured on the machine's clock; and a schedule of runs on the function's own clock, with three EMR calls
/// in ten throttled, until every record is checked, where no record may be skipped by two runs in a row.
/// </summary>
internal sealed class ReconcileScaleScenario : IScaleScenario
{
    private const int MeasuredRecords = 1000;
    private const double MeasuredRate = 100;
    private const int ScheduledRecords = 5000;
    private const double ThrottledFraction = 0.3;

    public string Name => "reconcile";

    public async Task<ScaleReport> RunAsync(ScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = new ScaleReport(
            "Reconcile",
            ["records", "EMR throttles", "clock", "runs", "function time (s)", "wall time (s)", "records checked", "EMR requests", "throttled", "checks skipped", "most skips in a row"]);
        var defaults = new ReconcileOptions();
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"The scheduled reconcile on the handler's own classes: records in dynalite, EMR's fake over HTTP, every stack settled, no drift. Each run has the template's function time ({ReconcileCampaignSettings.DefaultFunctionTime.TotalSeconds:0} s) and stops starting checks {(defaults.Reserve + defaults.PerRecordTimeout).TotalSeconds:0} s before it ends; the next run resumes from the checkpoint, failed checks first."));
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"Measured: one pass on the machine's clock at {MeasuredRate:0} EMR calls a second (the highest {ReconcileOptions.RateVariable} allows). Scheduled: runs on the function's own clock (each EMR attempt takes 50 ms of it, backoff and pacing take what they wait, nothing else), at the default {defaults.EmrCallsPerSecond:0} calls a second, with {ThrottledFraction:P0} of EMR's answers ThrottlingException (a seeded draw): deterministic, and minutes of function time in seconds. A check is skipped when a run began it and EMR never answered; it is owed until a run checks it."));

        using var dynalite = Dynalite.Start();
        context.Progress($"reconcile: {MeasuredRecords} records on the machine's clock");
        var measured = await CampaignAsync(dynalite, MeasuredRecords, 0, new ReconcileCampaignSettings
        {
            Clock = TimeProvider.System,
            Options = defaults with { EmrCallsPerSecond = MeasuredRate, FunctionName = "EmrStudioSessionMapping" },
            Progress = line => context.Progress("reconcile: " + line),
        }, cancellationToken);
        Add(report, measured, "none", $"machine, {MeasuredRate:0} calls/s");

        context.Progress($"reconcile: {ScheduledRecords} records, {ThrottledFraction:P0} throttled, on the function's clock");
        var scheduled = await CampaignAsync(dynalite, ScheduledRecords, ThrottledFraction, new ReconcileCampaignSettings
        {
            Clock = new VirtualClock(DateTimeOffset.UnixEpoch.AddYears(56), Min(EmrClient.DefaultAttemptTimeout, defaults.PerRecordTimeout)),
            Progress = line => context.Progress("reconcile: " + line),
        }, cancellationToken);
        Add(report, scheduled, ThrottledFraction.ToString("P0", CultureInfo.InvariantCulture), $"function, {defaults.EmrCallsPerSecond:0} calls/s");
        return report;
    }

    private static async Task<ReconcileCampaignResult> CampaignAsync(Dynalite dynalite, int count, double throttled, ReconcileCampaignSettings settings, CancellationToken cancellationToken)
    {
        await using var emr = new FakeEmr();
        await emr.StartAsync();
        using var dynamoDb = CreateDynamoDbClient(dynalite);
        var records = new DynamoDbMappingRecords(dynamoDb, await dynalite.CreateRecordTableAsync());
        var seeded = await ReconcileCampaign.SeedAsync(emr, records, count, parallelism: 8, settings.Clock.GetUtcNow());
        settings.Progress?.Invoke($"{count} records and mappings made");
        emr.ThrottleFraction = throttled;
        return await new ReconcileCampaign(emr, records, seeded, settings).RunAsync(cancellationToken);
    }

    private static void Add(ScaleReport report, ReconcileCampaignResult result, string throttles, string clock)
    {
        report.Row(
            result.Records.ToString(CultureInfo.InvariantCulture),
            throttles,
            clock,
            result.Runs.ToString(CultureInfo.InvariantCulture),
            result.FunctionTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            result.WallTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            result.RecordsChecked.ToString(CultureInfo.InvariantCulture),
            result.EmrAttempts.ToString(CultureInfo.InvariantCulture),
            result.EmrThrottled.ToString(CultureInfo.InvariantCulture),
            result.Skips.ToString(CultureInfo.InvariantCulture),
            result.MaxConsecutiveSkips.ToString(CultureInfo.InvariantCulture));
        var what = $"{result.Records} records, {throttles} throttled";
        report.Check(result.Complete, $"{what}: {result.RecordsChecked} checked and {result.RecordsOwed} owed after {result.Runs} runs");
        report.Check(result.MaxConsecutiveSkips <= 1, $"{what}: a record was skipped by {result.MaxConsecutiveSkips} runs in a row");
    }

    /// <summary>The handler's DynamoDB client, signing as the handler does, on the machine's clock (dynalite is not what is measured).</summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The handlers belong to the client, which the caller disposes.")]
    private static DynamoDbClient CreateDynamoDbClient(Dynalite dynalite)
    {
        var signing = AwsHttpCaller.CreateSigningHandler(
            new BasicAWSCredentials(Dynalite.AccessKeyId, Dynalite.SecretAccessKey), Dynalite.Region, AwsService.DynamoDb, HttpHandlerFactory.Create(CertificateTrust.ForProcess));
        return new DynamoDbClient(new AwsHttpCaller(
            new HttpMessageInvoker(signing, disposeHandler: true),
            dynalite.BaseAddress,
            DynamoDbJsonProtocol.Instance,
            "dynamodb",
            TimeProvider.System,
            new Backoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200)),
            new RunSummaryLog(),
            DynamoDbClient.DefaultAttemptTimeout));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
