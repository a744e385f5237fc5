namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>The accounts an operation of a service-managed StackSet reaches: OUs (with their child OUs), accounts, or both.</summary>
public sealed record DeploymentTargets
{
    public IReadOnlyList<string> OrganizationalUnitIds { get; init; } = [];

    public IReadOnlyList<string> Accounts { get; init; } = [];

    public AccountFilterType AccountFilterType { get; init; } = AccountFilterType.None;

    /// <summary>Every account of these OUs and of the OUs below them.</summary>
    public static DeploymentTargets Units(params OrganizationalUnit[] units) =>
        new() { OrganizationalUnitIds = [.. units.Select(unit => unit.Id)] };

    /// <summary>These accounts only.</summary>
    public static DeploymentTargets OnlyAccounts(params string[] accounts) => new() { Accounts = accounts };

    public override string ToString() =>
        $"OUs [{string.Join(", ", OrganizationalUnitIds)}] accounts [{string.Join(", ", Accounts)}] filter {AccountFilterType}";
}
