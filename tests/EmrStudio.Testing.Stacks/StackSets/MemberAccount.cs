namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// A member account of the simulated organization: one simulated account (its own EMR, IAM, Lambda and stacks) in
/// each of the organization's regions, and the OU it is in now (null once it left the organization; its stacks stay).
/// </summary>
public sealed class MemberAccount
{
    private readonly IReadOnlyDictionary<string, SimulatedAccount> _regions;

    internal MemberAccount(string id, string name, string organizationalUnitId, IReadOnlyDictionary<string, SimulatedAccount> regions)
    {
        Id = id;
        Name = name;
        OrganizationalUnitId = organizationalUnitId;
        _regions = regions;
    }

    public string Id { get; }

    public string Name { get; }

    public string? OrganizationalUnitId { get; internal set; }

    public IReadOnlyList<string> Regions => [.. _regions.Keys];

    /// <summary>The account as it is in <paramref name="region"/>.</summary>
    public SimulatedAccount In(string region) =>
        _regions.TryGetValue(region, out var account) ? account : throw new KeyNotFoundException($"Account {Id} is not simulated in {region}.");

    internal IEnumerable<SimulatedAccount> AllRegions => _regions.Values;

    public override string ToString() => $"{Name} ({Id})";
}
