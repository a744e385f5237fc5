namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// One StackSet operation as CloudFormation reports it: what it did, how it ended, how it ended in every account and
/// region it covered (cancelled ones included), the regions it started, in order, and the most stack instances it
/// had in progress at once, overall and per region.
/// </summary>
public sealed record StackSetOperation(
    string OperationId,
    string Action,
    string Status,
    bool IsAutoDeployment,
    bool RetainStacks,
    StackSetOperationPreferences Preferences,
    IReadOnlyList<string> RegionsStarted,
    IReadOnlyList<StackSetOperationResult> Results,
    int MaxConcurrency,
    IReadOnlyDictionary<string, int> MaxConcurrencyByRegion)
{
    public IReadOnlyList<StackSetOperationResult> ResultsWith(string status) => [.. Results.Where(result => result.Status == status)];

    public IReadOnlyList<StackSetOperationResult> ResultsIn(string region) => [.. Results.Where(result => result.Region == region)];

    public override string ToString() =>
        $"{Action}{(IsAutoDeployment ? " (auto-deployment)" : string.Empty)} {OperationId}: {Status}, regions started [{string.Join(", ", RegionsStarted)}], "
        + $"at most {MaxConcurrency} at once ({string.Join(", ", MaxConcurrencyByRegion.Select(pair => $"{pair.Key} {pair.Value}"))})\n  "
        + string.Join("\n  ", Results);
}
