namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// How an explicit operation proceeds: how many accounts of a region at once, how many may fail in a region before
/// the operation stops there (and, the regions being sequential, starts no later region), in which order the regions
/// go, and whether they go one at a time. Counts and percentages apply to the accounts of each region separately;
/// percentages round down, the concurrency to at least one. CloudFormation's defaults: one account at a time, no
/// failure tolerated, one region at a time, strict failure tolerance.
/// </summary>
public sealed record StackSetOperationPreferences
{
    public int? MaxConcurrentCount { get; init; }

    public int? MaxConcurrentPercentage { get; init; }

    public int? FailureToleranceCount { get; init; }

    public int? FailureTolerancePercentage { get; init; }

    /// <summary>Regions named here go first, in this order; the operation's other regions follow in the order given.</summary>
    public IReadOnlyList<string> RegionOrder { get; init; } = [];

    public RegionConcurrencyType RegionConcurrencyType { get; init; } = RegionConcurrencyType.Sequential;

    public ConcurrencyMode ConcurrencyMode { get; init; } = ConcurrencyMode.StrictFailureTolerance;

    /// <summary>
    /// What auto-deployment does, which operation preferences do not govern: every region at once, every account of a
    /// region at once, nothing cancelled because something else failed.
    /// </summary>
    internal static StackSetOperationPreferences ForAutoDeployment { get; } = new()
    {
        MaxConcurrentPercentage = 100,
        FailureTolerancePercentage = 100,
        RegionConcurrencyType = RegionConcurrencyType.Parallel,
        ConcurrencyMode = ConcurrencyMode.SoftFailureTolerance,
    };

    /// <summary>How many of a region's <paramref name="accounts"/> may be in progress at once, before failures lower it.</summary>
    public int MaxConcurrentFor(int accounts) =>
        MaxConcurrentPercentage is { } percentage ? Math.Max(1, accounts * percentage / 100) : MaxConcurrentCount ?? 1;

    /// <summary>How many of a region's <paramref name="accounts"/> may fail before the operation stops in that region.</summary>
    public int FailureToleranceFor(int accounts) =>
        FailureTolerancePercentage is { } percentage ? accounts * percentage / 100 : FailureToleranceCount ?? 0;

    /// <summary>How many accounts may be in progress at once in a region of <paramref name="accounts"/> that has seen <paramref name="failures"/>.</summary>
    public int ConcurrencyLimit(int accounts, int failures)
    {
        var tolerance = FailureToleranceFor(accounts);
        if (failures > tolerance)
        {
            return 0;
        }

        var maximum = MaxConcurrentFor(accounts);
        return ConcurrencyMode == ConcurrencyMode.SoftFailureTolerance
            ? maximum
            : Math.Min(maximum, tolerance + 1 - failures);
    }

    /// <summary>The operation's regions in the order it takes them; refuses preferences CloudFormation refuses.</summary>
    public IReadOnlyList<string> OrderRegions(IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        Validate();
        foreach (var region in RegionOrder)
        {
            if (!regions.Contains(region))
            {
                throw new StackSetException(StackSetException.ValidationError, $"RegionOrder names {region}, which is not one of the operation's regions ({string.Join(", ", regions)}).");
            }
        }

        if (RegionOrder.Distinct(StringComparer.Ordinal).Count() != RegionOrder.Count)
        {
            throw new StackSetException(StackSetException.ValidationError, "RegionOrder names a region twice.");
        }

        return [.. RegionOrder, .. regions.Where(region => !RegionOrder.Contains(region))];
    }

    private void Validate()
    {
        if (MaxConcurrentCount is not null && MaxConcurrentPercentage is not null)
        {
            throw new StackSetException(StackSetException.ValidationError, "MaxConcurrentCount and MaxConcurrentPercentage are exclusive: give one of them.");
        }

        if (FailureToleranceCount is not null && FailureTolerancePercentage is not null)
        {
            throw new StackSetException(StackSetException.ValidationError, "FailureToleranceCount and FailureTolerancePercentage are exclusive: give one of them.");
        }

        if (MaxConcurrentCount is < 1 || MaxConcurrentPercentage is < 1 or > 100)
        {
            throw new StackSetException(StackSetException.ValidationError, "MaxConcurrentCount must be at least 1, MaxConcurrentPercentage between 1 and 100.");
        }

        if (FailureToleranceCount is < 0 || FailureTolerancePercentage is < 0 or > 100)
        {
            throw new StackSetException(StackSetException.ValidationError, "FailureToleranceCount must be at least 0, FailureTolerancePercentage between 0 and 100.");
        }
    }
}
