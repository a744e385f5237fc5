using System.Globalization;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// An AWS organization as service-managed StackSets see it: a root, OUs below it, member accounts in the OUs (each
/// simulated in every region of <see cref="OrganizationOptions.Regions"/>, with its own EMR, IAM and functions running
/// the published bootstrap), the management account that owns the StackSets and never receives a stack instance, and
/// the StackSets. Moving an account into or out of a targeted OU runs the auto-deployments it causes before returning.
/// </summary>
public sealed class SimulatedOrganization : IAsyncDisposable
{
    private const long FirstMemberAccount = 210000000001;

    private readonly Lock _lock = new();
    private readonly string _bootstrapExecutable;
    private readonly List<OrganizationalUnit> _units = [];
    private readonly List<MemberAccount> _accounts = [];
    private readonly List<SimulatedStackSet> _stackSets = [];
    private int _accountsCreated;

    public SimulatedOrganization(string bootstrapExecutable, OrganizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bootstrapExecutable = bootstrapExecutable;
        Options = options;
        Root = new OrganizationalUnit("r-" + Suffix(4), "Root", null);
        _units.Add(Root);
    }

    public OrganizationOptions Options { get; }

    /// <summary>The account that administers the StackSets; no StackSet deploys to it.</summary>
    public string ManagementAccountId { get; } = "100000000001";

    public OrganizationalUnit Root { get; }

    /// <summary>
    /// Called as each stack instance's work starts, before its stack operation: a test can hold instances there, to
    /// see how many an operation runs at once.
    /// </summary>
    public Func<StackInstanceKey, Task>? InstanceOperationStarting { get; set; }

    /// <summary>Every account that was ever a member, in the order they joined (those that left included).</summary>
    public IReadOnlyList<MemberAccount> Accounts
    {
        get
        {
            lock (_lock)
            {
                return [.. _accounts];
            }
        }
    }

    public IReadOnlyList<SimulatedStackSet> StackSets
    {
        get
        {
            lock (_lock)
            {
                return [.. _stackSets];
            }
        }
    }

    public OrganizationalUnit AddOrganizationalUnit(string name, OrganizationalUnit? parent = null)
    {
        var unit = new OrganizationalUnit($"ou-{Root.Id[2..]}-{Suffix(8)}", name, (parent ?? Root).Id);
        lock (_lock)
        {
            if (!_units.Exists(existing => existing.Id == unit.ParentId))
            {
                throw new KeyNotFoundException($"No organizational unit {unit.ParentId}.");
            }

            _units.Add(unit);
        }

        return unit;
    }

    /// <summary>
    /// Creates an account in <paramref name="unit"/>, simulated in every region and prepared there; when the OU is a
    /// target of a StackSet with auto-deployment, the account gets its stack instances before this returns.
    /// </summary>
    public async Task<MemberAccount> AddAccountAsync(string name, OrganizationalUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Unit(unit.Id);
        string id;
        lock (_lock)
        {
            id = (FirstMemberAccount + _accountsCreated++).ToString(CultureInfo.InvariantCulture);
        }

        var regions = await StartRegionsAsync(id);
        var account = new MemberAccount(id, name, unit.Id, regions);
        lock (_lock)
        {
            _accounts.Add(account);
        }

        foreach (var regional in regions.Values)
        {
            Options.PrepareRegion?.Invoke(account, regional);
        }

        await FollowAsync(account);
        return account;
    }

    /// <summary>Moves the account to another OU and runs the auto-deployments that causes; returns their operations.</summary>
    public async Task<IReadOnlyList<StackSetOperation>> MoveAccountAsync(MemberAccount account, OrganizationalUnit destination)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(destination);
        Unit(destination.Id);
        lock (_lock)
        {
            account.OrganizationalUnitId = account.OrganizationalUnitId is null
                ? throw new InvalidOperationException($"Account {account} is no longer a member of the organization.")
                : destination.Id;
        }

        return await FollowAsync(account);
    }

    /// <summary>Removes the account from the organization (its stacks stay in it) and runs the auto-deployments that causes.</summary>
    public async Task<IReadOnlyList<StackSetOperation>> RemoveAccountAsync(MemberAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_lock)
        {
            account.OrganizationalUnitId = null;
        }

        return await FollowAsync(account);
    }

    /// <summary>CreateStackSet, service-managed: refused for a name in use, a template with a Transform, or inconsistent auto-deployment.</summary>
    public SimulatedStackSet CreateStackSet(string name, CloudFormationTemplate template, IReadOnlyDictionary<string, string>? parameters = null, StackSetAutoDeployment? autoDeployment = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var stackSet = new SimulatedStackSet(this, name, template, parameters ?? new Dictionary<string, string>(), autoDeployment ?? StackSetAutoDeployment.Disabled);
        lock (_lock)
        {
            if (_stackSets.Exists(existing => existing.Name == name))
            {
                throw new StackSetException(StackSetException.NameAlreadyExists, $"StackSet {name} already exists.");
            }

            _stackSets.Add(stackSet);
        }

        return stackSet;
    }

    public SimulatedStackSet StackSet(string name)
    {
        lock (_lock)
        {
            return _stackSets.Find(stackSet => stackSet.Name == name)
                ?? throw new StackSetException(StackSetException.StackSetNotFound, $"StackSet {name} not found.");
        }
    }

    /// <summary>DeleteStackSet: refused while an operation runs or any stack instance is left.</summary>
    public void DeleteStackSet(string name)
    {
        var stackSet = StackSet(name);
        stackSet.MarkDeleted();
        lock (_lock)
        {
            _stackSets.Remove(stackSet);
        }
    }

    public MemberAccount Account(string id)
    {
        lock (_lock)
        {
            return _accounts.Find(account => account.Id == id) ?? throw new KeyNotFoundException($"No member account {id}.");
        }
    }

    public OrganizationalUnit Unit(string id)
    {
        lock (_lock)
        {
            return _units.Find(unit => unit.Id == id) ?? throw new StackSetException(StackSetException.ValidationError, $"No organizational unit {id}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var account in Accounts)
        {
            foreach (var regional in account.AllRegions)
            {
                await regional.DisposeAsync();
            }
        }
    }

    /// <summary>Whether the account is a member now and in <paramref name="unitId"/> or an OU below it.</summary>
    internal bool IsWithin(MemberAccount account, string unitId)
    {
        lock (_lock)
        {
            for (var current = account.OrganizationalUnitId; current is not null; current = _units.Find(unit => unit.Id == current)?.ParentId)
            {
                if (current == unitId)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The member accounts that <paramref name="targets"/> reach (never the management account, which is no member here), each with the
    /// targeted OU it was reached through (null for an account named directly).
    /// </summary>
    internal IReadOnlyList<(MemberAccount Account, string? UnitId)> Resolve(DeploymentTargets targets)
    {
        if (targets.OrganizationalUnitIds.Count == 0 && targets.Accounts.Count == 0)
        {
            throw new StackSetException(StackSetException.ValidationError, "DeploymentTargets names neither an OU nor an account.");
        }

        foreach (var unitId in targets.OrganizationalUnitIds)
        {
            Unit(unitId);
        }

        var members = Accounts.Where(account => account.OrganizationalUnitId is not null).ToList();
        var inUnits = members
            .Select(account => (Account: account, UnitId: targets.OrganizationalUnitIds.FirstOrDefault(unitId => IsWithin(account, unitId))))
            .Where(entry => entry.UnitId is not null)
            .ToList();
        // The management account is never deployed to, even when named.
        var listed = targets.Accounts.Where(id => id != ManagementAccountId).Select(id => members.Find(account => account.Id == id)
            ?? throw new StackSetException(StackSetException.ValidationError, $"Account {id} is not a member of the organization.")).ToList();
        IEnumerable<(MemberAccount Account, string? UnitId)> reached = targets.AccountFilterType switch
        {
            AccountFilterType.None when targets.OrganizationalUnitIds.Count == 0 => listed.Select(account => (account, (string?)null)),
            AccountFilterType.None => inUnits,
            AccountFilterType.Intersection => inUnits.Where(entry => listed.Contains(entry.Account)),
            AccountFilterType.Difference => inUnits.Where(entry => !listed.Contains(entry.Account)),
            AccountFilterType.Union => inUnits.Concat(listed.Where(account => !inUnits.Exists(entry => entry.Account == account)).Select(account => (account, (string?)null))),
            _ => throw new StackSetException(StackSetException.ValidationError, $"AccountFilterType {targets.AccountFilterType} is not one CloudFormation knows."),
        };
        return [.. reached];
    }

    private async Task<IReadOnlyList<StackSetOperation>> FollowAsync(MemberAccount account)
    {
        var operations = new List<StackSetOperation>();
        foreach (var stackSet in StackSets)
        {
            if (await stackSet.AccountLeftAsync(account) is { } removal)
            {
                operations.Add(removal);
            }

            if (await stackSet.AccountJoinedAsync(account) is { } deployment)
            {
                operations.Add(deployment);
            }
        }

        return operations;
    }

    /// <summary>The account's simulated account in each region, started at once; none is left running when one fails to start.</summary>
    private async Task<Dictionary<string, SimulatedAccount>> StartRegionsAsync(string accountId)
    {
        var starts = Options.Regions.Select(region => SimulatedAccount.StartAsync(_bootstrapExecutable, Options.Simulator with { AccountId = accountId, Region = region })).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(start => start.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }

            throw;
        }

        var regions = new Dictionary<string, SimulatedAccount>(StringComparer.Ordinal);
        foreach (var (region, start) in Options.Regions.Zip(starts))
        {
            regions[region] = await start;
        }

        return regions;
    }

    private static string Suffix(int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[System.Security.Cryptography.RandomNumberGenerator.GetInt32(36)])]);
}
