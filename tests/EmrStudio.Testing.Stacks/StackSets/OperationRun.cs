namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>What one operation's run produced: per-instance results, the regions it started, its concurrency, whether it failed.</summary>
internal sealed record OperationRun(
    IReadOnlyList<StackSetOperationResult> Results,
    IReadOnlyList<string> RegionsStarted,
    int MaxConcurrency,
    IReadOnlyDictionary<string, int> MaxConcurrencyByRegion,
    bool Failed);
