using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.Testing.Emr;

namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>
/// The scheduled reconcile, run after run as EventBridge would start it, over records and mappings made for it: the
/// handler's own <see cref="ReconcileInvocationHandler"/> with its EMR client talking to a <see cref="FakeEmr"/> over
/// HTTP, until every record has been checked. A <see cref="SkipLedger"/> keeps, from what EMR answered, which records
/// each run checked and which it skipped.
/// </summary>
internal sealed class ReconcileCampaign(FakeEmr emr, IMappingRecords records, IReadOnlyCollection<string> seeded, ReconcileCampaignSettings settings)
{
    public const string StudioId = "es-SCALE0123456789";
    public const string Policy = "arn:aws:iam::123456789012:policy/EmrStudioScale";

    /// <summary>
    /// Makes <paramref name="count"/> users with a mapping each in <paramref name="emr"/>, and an active record for each
    /// in <paramref name="records"/>, spread over twenty stacks; <paramref name="parallelism"/> writes at once.
    /// Returns the records' names, as <see cref="ObservedEmrClient.RecordOf"/> makes them.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> SeedAsync(FakeEmr emr, IMappingRecords records, int count, int parallelism, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(emr);
        ArgumentNullException.ThrowIfNull(records);
        emr.AddStudio(StudioId);
        var desired = new List<MappingRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var user = emr.AddUser(string.Create(CultureInfo.InvariantCulture, $"scale-user-{i:D5}@example.com"));
            emr.PutMapping(StudioId, user, Policy);
            desired.Add(new MappingRecord
            {
                StackId = string.Create(CultureInfo.InvariantCulture, $"arn:aws:cloudformation:us-east-1:123456789012:stack/team-{i % 20:D2}/00000000-0000-0000-0000-{i % 20:D12}"),
                LogicalResourceId = string.Create(CultureInfo.InvariantCulture, $"Mapping{i:D5}"),
                State = RecordState.Active,
                Desired = new DesiredMapping(StudioId, null, user.IdentityType, user.Id, user.Name, Policy),
                LastRequestId = Guid.NewGuid().ToString(),
                LastRequestType = "Create",
                LastIssuedAt = now,
                LastActedAt = now,
            });
        }

        await Parallel.ForEachAsync(desired, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (record, token) => await records.WriteAsync(record, null, token));
        return [.. desired.Select(record => ObservedEmrClient.RecordOf(StudioId, record.Desired!.IdentityType, record.Desired.IdentityId))];
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The handlers belong to the client, disposed at the end of the campaign.")]
    public async Task<ReconcileCampaignResult> RunAsync(CancellationToken cancellationToken)
    {
        var clock = settings.Clock;
        var virtualClock = clock as VirtualClock;
        var ledger = new SkipLedger();
        var log = new RunSummaryLog();
        var meter = new EmrAttemptMeter(virtualClock, settings.EmrLatency)
        {
            InnerHandler = HttpHandlerFactory.Create(CertificateTrust.ForProcess),
        };
        var signing = AwsHttpCaller.CreateSigningHandler(new BasicAWSCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey), FakeEmr.Region, AwsService.Emr, meter);
        using var client = new EmrClient(new AwsHttpCaller(
            new HttpMessageInvoker(signing, disposeHandler: true),
            emr.BaseAddress,
            EmrJsonProtocol.Instance,
            "elasticmapreduce",
            clock,
            EmrClient.DefaultBackoff(new Random(settings.BackoffSeed)),
            log,
            EmrClient.DefaultAttemptTimeout));
        var handler = new ReconcileInvocationHandler(records, new ObservedEmrClient(client, ledger), new SettledStacks(), log, log, clock, settings.Options);
        var body = Encoding.UTF8.GetBytes(ReconcileEvent.Json);
        var functionTime = TimeSpan.Zero;
        var wall = Stopwatch.StartNew();
        while (ledger.Runs < settings.MaxRuns && !(ledger.EverChecked >= seeded.Count && ledger.Owed == 0))
        {
            if (ledger.Runs > 0)
            {
                virtualClock?.Spend(settings.ScheduleInterval);
            }

            var started = clock.GetTimestamp();
            var context = new InvocationContext
            {
                AwsRequestId = string.Create(CultureInfo.InvariantCulture, $"reconcile-{ledger.Runs + 1}"),
                Deadline = clock.GetUtcNow() + settings.FunctionTime,
                InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + settings.Options.FunctionName,
            };
            await handler.HandleAsync(body, context, cancellationToken);
            functionTime += clock.GetElapsedTime(started);
            ledger.EndRun();
            settings.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"run {ledger.Runs}: {ledger.EverChecked} of {seeded.Count} records checked, {ledger.Owed} owed, {meter.Attempts} EMR attempts, {wall.Elapsed.TotalSeconds:0} s"));
        }

        return new ReconcileCampaignResult(
            seeded.Count,
            ledger.Runs,
            ledger.EverChecked,
            ledger.Owed,
            ledger.Skips,
            ledger.MaxConsecutiveSkips,
            log.Total("checkFailed"),
            meter.Attempts,
            meter.Throttled,
            functionTime,
            wall.Elapsed);
    }
}
