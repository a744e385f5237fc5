using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.StackStatus;


namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>
/// One reconcile run: re-applies the desired state that the records hold to the mappings of settled stacks, and
/// nothing else. It resumes where the last run stopped, checks first the records whose check failed then, and saves
/// where it stopped when its time runs out.
/// </summary>
/// <remarks>
/// <para>
/// It never fights CloudFormation: records of stacks with an operation in progress are left alone, and before a
/// repair the record and the stack's status are read again, so that an event acting meanwhile wins. It never touches
/// a mapping that no record names as active; those are only counted, per studio, when a run completes a pass of the
/// table. Records of stacks that no longer exist are dropped without any EMR call.
/// </para>
/// <para>
/// Its EMR calls are paced (<see cref="ReconcileOptions.EmrCallsPerSecond"/>), since EMR's rate is shared with every
/// deployment of the account, and retried on throttling like every other call.
/// </para>
/// </remarks>
internal sealed class ReconcileRun
{
    private readonly IMappingRecords _records;
    private readonly IEmrClient _emr;
    private readonly IStackStatusReader _stacks;
    private readonly ILog _log;
    private readonly TimeProvider _time;
    private readonly ReconcileOptions _options;
    private readonly RatePacer _pacer;
    private readonly Dictionary<string, StackVerdict> _verdicts = new(StringComparer.Ordinal);
    private readonly List<string> _retry = [];
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);

    public ReconcileRun(IMappingRecords records, IEmrClient emr, IStackStatusReader stacks, ILog log, TimeProvider time, ReconcileOptions options)
    {
        _records = records;
        _emr = emr;
        _stacks = stacks;
        _log = log;
        _time = time;
        _options = options;
        _pacer = new RatePacer(options.EmrCallsPerSecond, time);
    }

    public ReconcileTally Tally { get; } = new();

    /// <summary>Runs until the table is done or <paramref name="stopStartingAt"/>, after which no record's check begins.</summary>
    public async Task<ReconcileTally> RunAsync(DateTimeOffset stopStartingAt, CancellationToken cancellationToken)
    {
        var checkpoint = await _records.ReadCheckpointAsync(cancellationToken);
        var position = checkpoint?.ContinueAfter;
        var retry = checkpoint?.Retry ?? [];

        var next = 0;
        for (; next < retry.Count && !TimeIsUp(stopStartingAt); next++)
        {
            var key = retry[next];
            _checked.Add(key);
            MappingRecord? record;
            try
            {
                record = await _records.ReadByKeyAsync(key, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                CheckFailed(key, null, error);
                continue;
            }

            if (record is not null)
            {
                await CheckAsync(key, record, cancellationToken);
            }
        }

        _retry.AddRange(retry.Skip(next));
        if (next < retry.Count)
        {
            Tally.Unfinished = true;
            await SaveAsync(position, cancellationToken);
            return Tally;
        }

        position = await ScanAsync(position, stopStartingAt, cancellationToken);
        if (Tally.PassCompleted && !TimeIsUp(stopStartingAt))
        {
            await CountUnmanagedAsync(stopStartingAt, cancellationToken);
        }

        await SaveAsync(position, cancellationToken);
        return Tally;
    }

    /// <returns>Where the next run continues the table: null once this run reached its end.</returns>
    private async Task<string?> ScanAsync(string? position, DateTimeOffset stopStartingAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TimeIsUp(stopStartingAt))
            {
                Tally.Unfinished = true;
                return position;
            }

            var page = await _records.ScanAsync(position, _options.PageSize, cancellationToken);
            foreach (var record in page.Records)
            {
                if (TimeIsUp(stopStartingAt))
                {
                    Tally.Unfinished = true;
                    return position;
                }

                var key = MappingRecordItem.KeyOf(record.StackId, record.LogicalResourceId);
                if (_checked.Add(key))
                {
                    await CheckAsync(key, record, cancellationToken);
                }

                position = key;
            }

            if (page.ContinueAfter is null)
            {
                Tally.PassCompleted = true;
                return null;
            }

            position = page.ContinueAfter;
        }
    }

    private async Task CheckAsync(string key, MappingRecord record, CancellationToken cancellationToken)
    {
        if (record.State != RecordState.Active || record.Desired is null)
        {
            return;
        }

        using var recordTime = new CancellationTokenSource(_options.PerRecordTimeout, _time);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, recordTime.Token);
        try
        {
            switch (await VerdictAsync(record.StackId, token.Token))
            {
                case StackVerdict.Settled:
                    await CheckMappingAsync(key, record, token.Token);
                    break;
                case StackVerdict.InProgress:
                    Tally.SkippedInProgress++;
                    break;
                case StackVerdict.Unsettled:
                    Tally.SkippedUnsettled++;
                    break;
                case StackVerdict.Unreadable:
                    Tally.SkippedUnreadableStack++;
                    break;
                default:
                    await ForgetAsync(record, token.Token);
                    break;
            }
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            CheckFailed(key, record, error);
        }
    }

    private async Task<StackVerdict> VerdictAsync(string stackId, CancellationToken cancellationToken)
    {
        if (_verdicts.TryGetValue(stackId, out var known))
        {
            return known;
        }

        StackVerdict verdict;
        try
        {
            verdict = Judge(await _stacks.GetStackStatusAsync(stackId, cancellationToken));
        }
        catch (StackStatusUnavailableException)
        {
            verdict = StackVerdict.Unreadable;
        }

        _verdicts[stackId] = verdict;
        return verdict;
    }

    private static StackVerdict Judge(string? status) => status switch
    {
        _ when StackStatuses.IsGone(status) => StackVerdict.Gone,
        _ when StackStatuses.IsInProgress(status!) => StackVerdict.InProgress,
        _ when StackStatuses.IsSettled(status!) => StackVerdict.Settled,
        _ => StackVerdict.Unsettled,
    };

    /// <summary>A record of a stack that no longer exists: dropped (the stack's Delete never came, or came before the record existed).</summary>
    private async Task ForgetAsync(MappingRecord record, CancellationToken cancellationToken)
    {
        Tally.RecordsOfGoneStacks++;
        if (_options.Mode == ReconcileMode.Report)
        {
            return;
        }

        try
        {
            await _records.DropAsync(record, cancellationToken);
        }
        catch (DynamoDbException error) when (error.IsConditionalCheckFailed)
        {
            // Written meanwhile: whoever wrote it knows better than this run.
            return;
        }

        _log.Write(
            LogLevel.Info,
            "Dropped the record of a stack that no longer exists; EMR was not touched.",
            new("stackId", record.StackId),
            new("logicalResourceId", record.LogicalResourceId),
            new("mappingId", record.PhysicalResourceId));
    }

    private async Task CheckMappingAsync(string key, MappingRecord record, CancellationToken cancellationToken)
    {
        var desired = record.Desired!;
        await _pacer.WaitAsync(cancellationToken);
        SessionMappingDetail? actual = null;
        string? beyondRepair = null;
        try
        {
            actual = await _emr.GetStudioSessionMappingAsync(
                new StudioSessionMappingKey { StudioId = desired.StudioId, IdentityType = desired.IdentityType, IdentityId = desired.IdentityId },
                cancellationToken);
        }
        catch (EmrException error) when (error.IsMappingNotFound)
        {
        }
        catch (EmrException error) when (error.IsStudioNotFound)
        {
            beyondRepair = "the studio no longer exists";
        }
        catch (EmrException error) when (error.IsIdentityUnknown)
        {
            beyondRepair = "the principal no longer exists in IAM Identity Center";
        }

        Tally.MappingsChecked++;
        var drift = actual is null ? "missing" : actual.SessionPolicyArn != desired.SessionPolicyArn ? "policy" : null;
        if (drift is null)
        {
            return;
        }

        Tally.DriftFound++;
        var result = _options.Mode == ReconcileMode.Report ? RepairResult.LeftAlone("report-only mode")
            : beyondRepair is not null ? RepairResult.FailedBecause(beyondRepair)
            : await RepairAsync(key, record, missing: actual is null, cancellationToken);
        if (result.Repaired)
        {
            Tally.DriftRepaired++;
        }
        else if (result.Failed)
        {
            Tally.RepairFailed++;
        }

        _log.Write(
            result.Failed ? LogLevel.Error : LogLevel.Warn,
            "Drift found: the mapping differs from what its stack last asked for.",
            new("drift", drift),
            new("mappingId", record.PhysicalResourceId),
            new("stackId", record.StackId),
            new("logicalResourceId", record.LogicalResourceId),
            new("studioId", desired.StudioId),
            new("identityType", desired.IdentityType),
            new("identityId", desired.IdentityId),
            new("expectedSessionPolicyArn", desired.SessionPolicyArn),
            new("actualSessionPolicyArn", actual?.SessionPolicyArn),
            new("mode", _options.Mode == ReconcileMode.Repair ? "repair" : "report"),
            new("repaired", result.Repaired),
            new("note", result.Note));
    }

    private async Task<RepairResult> RepairAsync(string key, MappingRecord record, bool missing, CancellationToken cancellationToken)
    {
        // An event may have acted since the record was read (a Delete's tombstone, a new policy written before EMR
        // gets it), or CloudFormation may have started on the stack: either way, the repair is not this run's to make.
        var current = await _records.ReadByKeyAsync(key, cancellationToken);
        if (current is null || current.Version != record.Version || current.State != RecordState.Active)
        {
            return RepairResult.LeftAlone("the record changed while the run looked: an event acted on the resource meanwhile");
        }

        var status = await _stacks.GetStackStatusAsync(record.StackId, cancellationToken);
        if (status is null || !StackStatuses.IsSettled(status))
        {
            return RepairResult.LeftAlone($"the stack is {status ?? "gone"} now");
        }

        var desired = record.Desired!;
        var input = new StudioSessionMappingInput
        {
            StudioId = desired.StudioId,
            IdentityType = desired.IdentityType,
            IdentityId = desired.IdentityId,
            SessionPolicyArn = desired.SessionPolicyArn,
        };
        await _pacer.WaitAsync(cancellationToken);
        try
        {
            if (missing)
            {
                await _emr.CreateStudioSessionMappingAsync(input, cancellationToken);
            }
            else
            {
                await _emr.UpdateStudioSessionMappingAsync(input, cancellationToken);
            }

            return RepairResult.Done;
        }
        catch (EmrException error) when (missing && error.IsAlreadyExists)
        {
            return RepairResult.LeftAlone("it was created again meanwhile");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested || error is OperationCanceledException)
        {
            if (error is OperationCanceledException or AwsServiceException { IsRetryable: true })
            {
                _retry.Add(key);
            }

            return RepairResult.FailedBecause(ReasonText.Describe(error));
        }
    }

    private async Task CountUnmanagedAsync(DateTimeOffset stopStartingAt, CancellationToken cancellationToken)
    {
        var covered = new HashSet<(string Studio, string Type, string Id)>();
        var studios = new SortedSet<string>(StringComparer.Ordinal);
        string? position = null;
        do
        {
            var page = await _records.ScanAsync(position, _options.PageSize * 10, cancellationToken);
            foreach (var desired in page.Records.Where(r => r.State == RecordState.Active).Select(r => r.Desired).OfType<DesiredMapping>())
            {
                covered.Add((desired.StudioId, desired.IdentityType, desired.IdentityId));
                studios.Add(desired.StudioId);
            }

            position = page.ContinueAfter;
        }
        while (position is not null);

        foreach (var studio in studios)
        {
            if (TimeIsUp(stopStartingAt))
            {
                return;
            }

            var count = 0;
            string? marker = null;
            try
            {
                do
                {
                    await _pacer.WaitAsync(cancellationToken);
                    var page = await _emr.ListStudioSessionMappingsAsync(studio, marker, cancellationToken);
                    count += page.Items.Count(m => !covered.Contains((m.StudioId ?? studio, m.IdentityType ?? string.Empty, m.IdentityId ?? string.Empty)));
                    marker = page.NextMarker;
                }
                while (marker is not null);
            }
            catch (EmrException error) when (error.IsStudioNotFound)
            {
            }

            Tally.UnmanagedByStudio[studio] = count;
        }

        Tally.UnmanagedCounted = true;
    }

    private void CheckFailed(string key, MappingRecord? record, Exception error)
    {
        Tally.CheckFailed++;
        _retry.Add(key);
        _log.Write(
            LogLevel.Warn,
            "A record could not be checked; the next run checks it first.",
            new("stackId", record?.StackId),
            new("logicalResourceId", record?.LogicalResourceId),
            new("error", ReasonText.Describe(error)));
    }

    private Task SaveAsync(string? position, CancellationToken cancellationToken) =>
        _records.WriteCheckpointAsync(new ReconcileCheckpoint(position, [.. _retry.Distinct(StringComparer.Ordinal)], _time.GetUtcNow()), cancellationToken);

    private bool TimeIsUp(DateTimeOffset stopStartingAt) => _time.GetUtcNow() >= stopStartingAt;
}
