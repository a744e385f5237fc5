namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// Runs one operation's work as CloudFormation schedules it. Within a region, instances start in the order given, as
/// many at once as <see cref="StackSetOperationPreferences.ConcurrencyLimit"/> allows given the failures so far, each
/// on its own task; once the failures exceed the region's tolerance no more start, and those left are cancelled, as
/// are all instances of the regions after it when regions go one at a time. Each instance is counted in progress from
/// the moment it is admitted until its work ends, so the counts depend on the schedule, not on the machine's speed.
/// </summary>
internal sealed class StackSetOperationRunner(Func<StackInstanceKey, Task>? instanceStarting)
{
    private const string ToleranceExceeded = "Cancelled since failure tolerance has exceeded";

    private readonly Lock _lock = new();
    private readonly List<(int Order, StackSetOperationResult Result)> _results = [];
    private readonly List<string> _regionsStarted = [];
    private readonly ConcurrencyGauge _overall = new();
    private readonly Dictionary<string, ConcurrencyGauge> _byRegion = new(StringComparer.Ordinal);

    public async Task<OperationRun> RunAsync(IReadOnlyList<string> regions, IReadOnlyList<InstanceWork> work, StackSetOperationPreferences preferences)
    {
        var ordered = work.Select((item, order) => (Item: item, Order: order)).ToList();
        var byRegion = regions
            .Select(region => (Region: region, Items: ordered.Where(entry => entry.Item.Key.Region == region).ToList()))
            .Where(entry => entry.Items.Count > 0)
            .ToList();
        bool failed;
        if (preferences.RegionConcurrencyType == RegionConcurrencyType.Parallel)
        {
            var outcomes = await Task.WhenAll(byRegion.Select(entry => RunRegionAsync(entry.Region, entry.Items, preferences)));
            failed = outcomes.Any(regionFailed => regionFailed);
        }
        else
        {
            failed = false;
            foreach (var (region, items) in byRegion)
            {
                if (failed)
                {
                    Cancel(items, $"{ToleranceExceeded} in an earlier region");
                    continue;
                }

                failed = await RunRegionAsync(region, items, preferences);
            }
        }

        lock (_lock)
        {
            return new OperationRun(
                [.. _results.OrderBy(entry => entry.Order).Select(entry => entry.Result)],
                [.. _regionsStarted],
                _overall.Maximum,
                _byRegion.ToDictionary(pair => pair.Key, pair => pair.Value.Maximum, StringComparer.Ordinal),
                failed);
        }
    }

    /// <summary>Runs one region's instances; true when its failures exceeded the tolerance.</summary>
    private async Task<bool> RunRegionAsync(string region, List<(InstanceWork Item, int Order)> items, StackSetOperationPreferences preferences)
    {
        var gauge = new ConcurrencyGauge();
        lock (_lock)
        {
            _regionsStarted.Add(region);
            _byRegion[region] = gauge;
        }

        var pending = new Queue<(InstanceWork Item, int Order)>(items);
        var running = new Dictionary<Task<InstanceOutcome>, (InstanceWork Item, int Order)>();
        var failures = 0;
        try
        {
            while (true)
            {
                while (pending.Count > 0 && running.Count < preferences.ConcurrencyLimit(items.Count, failures))
                {
                    var next = pending.Dequeue();
                    gauge.Enter();
                    _overall.Enter();
                    running.Add(StartAsync(next.Item), next);
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Keys);
                var (item, order) = running[done];
                running.Remove(done);
                gauge.Exit();
                _overall.Exit();
                var outcome = await done;
                if (!outcome.Succeeded)
                {
                    failures++;
                }

                Add(order, item, outcome.Succeeded ? StackSetOperationStatuses.Succeeded : StackSetOperationStatuses.Failed, outcome.Reason);
            }
        }
        catch
        {
            // A broken simulation, not a failed stack: let the instances in progress finish before reporting it.
            await ((Task)Task.WhenAll(running.Keys)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        Cancel(pending, ToleranceExceeded);
        return failures > preferences.FailureToleranceFor(items.Count);
    }

    private Task<InstanceOutcome> StartAsync(InstanceWork item) =>
        Task.Run(async () =>
        {
            if (instanceStarting is not null)
            {
                await instanceStarting(item.Key);
            }

            return await item.ExecuteAsync();
        });

    private void Cancel(IEnumerable<(InstanceWork Item, int Order)> items, string reason)
    {
        foreach (var (item, order) in items)
        {
            Add(order, item, StackSetOperationStatuses.Cancelled, reason);
        }
    }

    private void Add(int order, InstanceWork item, string status, string? reason)
    {
        lock (_lock)
        {
            _results.Add((order, new StackSetOperationResult(item.Key.Account, item.Key.Region, item.OrganizationalUnitId, status, reason)));
        }
    }
}
