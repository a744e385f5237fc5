using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.StackStatus;


namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>
/// Runs one reconcile for a scheduled invocation, within the invocation's time: it stops starting new checks early
/// enough that the checkpoint and the metrics are written before the Lambda deadline, and the next run goes on.
/// </summary>
internal sealed class ReconcileInvocationHandler : IInvocationHandler
{
    public const string MetricNamespace = "EmrStudioSessionMappings";

    private readonly IMappingRecords? _records;
    private readonly IEmrClient _emr;
    private readonly IStackStatusReader _stacks;
    private readonly ILog _log;
    private readonly IMetricSink _metrics;
    private readonly TimeProvider _time;
    private readonly ReconcileOptions _options;

    public ReconcileInvocationHandler(
        IMappingRecords? records, IEmrClient emr, IStackStatusReader stacks, ILog log, IMetricSink metrics, TimeProvider time, ReconcileOptions options)
    {
        _records = records;
        _emr = emr;
        _stacks = stacks;
        _log = log;
        _metrics = metrics;
        _time = time;
        _options = options;
    }

    public async Task HandleAsync(ReadOnlyMemory<byte> eventBody, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_records is null)
        {
            throw new InvalidOperationException(
                $"A reconcile run needs the desired-state record, and {DynamoDbMappingRecords.TableVariable} is not set.");
        }

        var started = _time.GetTimestamp();
        var hardStop = context.Deadline - _options.Reserve;
        var stopStartingAt = hardStop - _options.PerRecordTimeout;
        var left = hardStop - _time.GetUtcNow();
        using var runTime = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runTime.Token);

        var run = new ReconcileRun(_records, _emr, _stacks, _log, _time, _options);
        var tally = await run.RunAsync(stopStartingAt, token.Token);

        var dimensions = new List<KeyValuePair<string, string>> { new("FunctionName", _options.FunctionName) };
        var counts = new List<KeyValuePair<string, long>>
        {
            new("MappingsChecked", tally.MappingsChecked),
            new("DriftFound", tally.DriftFound),
            new("DriftRepaired", tally.DriftRepaired),
            new("RepairFailed", tally.RepairFailed),
        };
        if (tally.UnmanagedCounted)
        {
            counts.Add(new("Unmanaged", tally.Unmanaged));
        }

        _metrics.Write("Reconcile run metrics.", new MetricSet(MetricNamespace, dimensions, counts));
        foreach (var (studio, unmanaged) in tally.UnmanagedByStudio)
        {
            _metrics.Write(
                "Mappings no record covers, in one studio.",
                new MetricSet(MetricNamespace, [.. dimensions, new("StudioId", studio)], [new("Unmanaged", unmanaged)]));
        }

        _log.Write(
            tally.RepairFailed > 0 || tally.CheckFailed > 0 ? LogLevel.Warn : LogLevel.Info,
            "Reconcile run finished.",
            new("mode", _options.Mode == ReconcileMode.Repair ? "repair" : "report"),
            new("mappingsChecked", tally.MappingsChecked),
            new("driftFound", tally.DriftFound),
            new("driftRepaired", tally.DriftRepaired),
            new("repairFailed", tally.RepairFailed),
            new("unmanaged", tally.UnmanagedCounted ? tally.Unmanaged : null),
            new("skippedInProgress", tally.SkippedInProgress),
            new("skippedUnsettled", tally.SkippedUnsettled),
            new("skippedUnreadableStack", tally.SkippedUnreadableStack),
            new("recordsOfGoneStacks", tally.RecordsOfGoneStacks),
            new("checkFailed", tally.CheckFailed),
            new("passCompleted", tally.PassCompleted),
            new("unfinished", tally.Unfinished),
            new("durationMs", (long)_time.GetElapsedTime(started).TotalMilliseconds));
    }
}
