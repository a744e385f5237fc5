namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>The regions every member account is simulated in, how each of them is simulated, and how each is prepared.</summary>
public sealed record OrganizationOptions
{
    /// <summary>The regions the organization uses; each member account gets one simulated account in each.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>The simulator options of every account and region (their account id and region are set per account and region).</summary>
    public SimulatorOptions Simulator { get; init; } = new();

    /// <summary>Called once for each new account in each region, before anything is deployed there: its studios, its principals.</summary>
    public Action<MemberAccount, SimulatedAccount>? PrepareRegion { get; init; }
}
