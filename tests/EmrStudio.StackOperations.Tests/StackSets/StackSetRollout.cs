using System.Diagnostics;
using System.Text.Json.Nodes;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.StackSets;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// The StackSet rollout of the session mappings to an organization, scenario by scenario, at any size: an OU
/// "Analytics" with the member accounts, "Onboarding" where new accounts wait, "Suspended" where leaving accounts go.
/// Every account has, in every region, a studio named <see cref="StackSetMember.StudioName"/> (its id differs per
/// account and region) and another studio nothing maps to, and the organization's principals with the same ids
/// everywhere. Each scenario returns what it did and compares every account's and region's EMR with what its live
/// stacks declare. <see cref="RunAllAsync"/> runs them all, for a scale run.
/// </summary>
public sealed class StackSetRollout : IAsyncDisposable
{
    public const string StackSetName = "emr-studio-session-mappings";
    public const string OtherStudioName = "sandbox";
    public const string MappingType = "Custom::EmrStudioSessionMapping";

    private readonly StackSetRolloutOptions _options;
    private readonly Dictionary<(string IdentityType, string Name), FakeIdentity> _principals = [];
    private int _newcomers;

    private StackSetRollout(StackSetRolloutOptions options, SimulatedOrganization organization)
    {
        _options = options;
        Organization = organization;
        Analytics = organization.AddOrganizationalUnit("Analytics");
        Onboarding = organization.AddOrganizationalUnit("Onboarding");
        Suspended = organization.AddOrganizationalUnit("Suspended");
        foreach (var (identityType, name) in options.Member.Principals)
        {
            _principals[(identityType, name)] = new FakeIdentity(identityType, name, Guid.NewGuid().ToString());
        }

        Preferences = options.Preferences ?? new StackSetOperationPreferences
        {
            MaxConcurrentPercentage = 50,
            FailureTolerancePercentage = 25,
            RegionOrder = options.Regions,
        };
    }

    public SimulatedOrganization Organization { get; }

    public OrganizationalUnit Analytics { get; }

    public OrganizationalUnit Onboarding { get; }

    public OrganizationalUnit Suspended { get; }

    public StackSetOperationPreferences Preferences { get; }

    public IReadOnlyList<string> Regions => _options.Regions;

    /// <summary>The StackSet, once a scenario created it.</summary>
    public SimulatedStackSet? StackSet { get; private set; }

    /// <summary>The region whose EMR is down in <see cref="RegionOutageAsync"/>: the second in RegionOrder.</summary>
    public string OutageRegion => _options.Regions.Count >= 2 ? _options.Regions[1] : throw new InvalidOperationException("The outage scenario needs two regions or more.");

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "Owned by the rollout, disposed with it or on failure.")]
    public static async Task<StackSetRollout> StartAsync(StackSetRolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        StackSetRollout? rollout = null;
        var organization = new SimulatedOrganization(options.BootstrapExecutable, new OrganizationOptions
        {
            Regions = options.Regions,
            Simulator = new SimulatorOptions { MaxServiceTimeout = TimeSpan.FromSeconds(30), FunctionTimeoutOverride = options.FunctionTimeout },
            PrepareRegion = (account, regional) => rollout!.Prepare(account, regional),
        });
        try
        {
            rollout = new StackSetRollout(options, organization);
            for (var i = 1; i <= options.Accounts; i++)
            {
                await organization.AddAccountAsync($"analytics-{i}", rollout.Analytics);
            }

            return rollout;
        }
        catch
        {
            await organization.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every scenario at the options' size: one organization for the lifecycle, a fresh one for the outage.</summary>
    public static async Task<IReadOnlyList<StackSetScenarioResult>> RunAllAsync(StackSetRolloutOptions options)
    {
        var results = new List<StackSetScenarioResult>();
        await using (var rollout = await StartAsync(options))
        {
            results.Add(await rollout.CreateAsync());
            results.Add(await rollout.UpdateSessionPolicyAsync());
            results.Add(await rollout.AccountJoinsAsync());
            results.Add(await rollout.AccountLeavesAsync(retainStacks: false));
            results.Add(await rollout.AccountLeavesAsync(retainStacks: true));
            results.Add(await rollout.DeleteAsync());
        }

        await using (var rollout = await StartAsync(options))
        {
            results.Add(await rollout.RegionOutageAsync());
        }

        return results;
    }

    /// <summary>The id of the studio named <paramref name="name"/> in an account and region.</summary>
    public static string StudioId(string accountId, string region, string name)
    {
        ArgumentNullException.ThrowIfNull(region);
        return $"es-{accountId}{region.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}{(name == OtherStudioName ? "S" : "A")}";
    }

    /// <summary>CreateStackSet with auto-deployment, then CreateStackInstances for the OU in every region.</summary>
    public Task<StackSetScenarioResult> CreateAsync() =>
        MeasureAsync("create", async () =>
        {
            StackSet = Organization.CreateStackSet(StackSetName, _options.Member.Template, _options.Member.Parameters, new StackSetAutoDeployment(true, false));
            return [await StackSet.CreateStackInstancesAsync(DeploymentTargets.Units(Analytics), Regions, Preferences)];
        });

    /// <summary>UpdateStackSet with the member's updated parameters: every mapping's session policy changes.</summary>
    public Task<StackSetScenarioResult> UpdateSessionPolicyAsync() =>
        MeasureAsync("update session policy", async () => [await Created.UpdateStackSetAsync(parameters: _options.Member.UpdatedParameters, preferences: Preferences)]);

    /// <summary>
    /// A new StackSet created while EMR is down in <see cref="OutageRegion"/>: the regions before it succeed, it fails
    /// beyond its tolerance (the instances that failed roll back, the rest there are cancelled), the regions after it
    /// never start. EMR comes back once the operation ended.
    /// </summary>
    public Task<StackSetScenarioResult> RegionOutageAsync() =>
        MeasureAsync($"outage in {OutageRegion}", async () =>
        {
            var down = Organization.Accounts.Select(account => account.In(OutageRegion).Emr).ToList();
            down.ForEach(emr => emr.Down = true);
            try
            {
                StackSet = Organization.CreateStackSet(StackSetName, _options.Member.Template, _options.Member.Parameters, new StackSetAutoDeployment(true, false));
                return [await StackSet.CreateStackInstancesAsync(DeploymentTargets.Units(Analytics), Regions, Preferences)];
            }
            finally
            {
                down.ForEach(emr => emr.Down = false);
            }
        });

    /// <summary>A new account moves from Onboarding into the targeted OU: auto-deployment gives it its instances.</summary>
    public async Task<StackSetScenarioResult> AccountJoinsAsync()
    {
        var newcomer = await Organization.AddAccountAsync($"newcomer-{Interlocked.Increment(ref _newcomers)}", Onboarding);
        return await MeasureAsync("account joins", () => Organization.MoveAccountAsync(newcomer, Analytics));
    }

    /// <summary>
    /// The first account still in the targeted OU moves to Suspended: auto-deployment deletes its stacks, or with
    /// <paramref name="retainStacks"/> (set on the StackSet first, by UpdateStackSet, when it differs) keeps them
    /// outside the StackSet, mappings and all.
    /// </summary>
    public Task<StackSetScenarioResult> AccountLeavesAsync(bool retainStacks) =>
        MeasureAsync(retainStacks ? "account leaves, retained" : "account leaves", async () =>
        {
            var operations = new List<StackSetOperation>();
            if (Created.AutoDeployment.RetainStacksOnAccountRemoval != retainStacks)
            {
                operations.Add(await Created.UpdateStackSetAsync(preferences: Preferences, autoDeployment: new StackSetAutoDeployment(true, retainStacks)));
            }

            var leaving = Organization.Accounts.First(account => account.OrganizationalUnitId == Analytics.Id);
            operations.AddRange(await Organization.MoveAccountAsync(leaving, Suspended));
            return operations;
        });

    /// <summary>DeleteStackSet (refused while instances exist), DeleteStackInstances everywhere, DeleteStackSet.</summary>
    public Task<StackSetScenarioResult> DeleteAsync() =>
        MeasureAsync("delete", async () =>
        {
            var stackSet = Created;
            try
            {
                Organization.DeleteStackSet(stackSet.Name);
                throw new InvalidOperationException("DeleteStackSet was not refused while the StackSet had stack instances.");
            }
            catch (StackSetException refused) when (refused.Code == StackSetException.StackSetNotEmpty)
            {
                // As CloudFormation refuses it: the instances go first.
            }

            var deletion = await stackSet.DeleteStackInstancesAsync(DeploymentTargets.Units(Analytics), Regions, retainStacks: false, Preferences);
            Organization.DeleteStackSet(stackSet.Name);
            return [deletion];
        });

    /// <summary>The mappings EMR must hold in one account and region: those its live stacks declare, principals and studios resolved.</summary>
    internal IReadOnlyList<ExpectedMapping> Declared(SimulatedAccount regional)
    {
        ArgumentNullException.ThrowIfNull(regional);
        var declared = new List<ExpectedMapping>();
        foreach (var resource in regional.Stacks.SelectMany(stack => stack.Resources.Values).Where(resource => resource.Type == MappingType))
        {
            var properties = resource.Properties;
            var type = properties["IdentityType"]!.GetValue<string>();
            var identityId = properties["IdentityId"]?.GetValue<string>() ?? _principals[(type, properties["IdentityName"]!.GetValue<string>())].Id;
            var studioId = properties["StudioId"]?.GetValue<string>() ?? StudioNamed(regional, properties["StudioName"]!.GetValue<string>());
            declared.Add(new ExpectedMapping(studioId, type, identityId, properties["SessionPolicyArn"]!.GetValue<string>()));
        }

        return declared;
    }

    public ValueTask DisposeAsync() => Organization.DisposeAsync();

    private SimulatedStackSet Created => StackSet ?? throw new InvalidOperationException("No StackSet yet: run the create scenario first.");

    private static string StudioNamed(SimulatedAccount regional, string name)
    {
        var studios = regional.Emr.Call("ListStudios", [], "the rollout's expectations").Output["Studios"] as JsonArray ?? [];
        var matching = studios.Where(studio => studio?["Name"]?.GetValue<string>() == name).Select(studio => studio!["StudioId"]!.GetValue<string>()).ToList();
        return matching.Count == 1 ? matching[0] : $"(no single studio named {name}: {matching.Count})";
    }

    private void Prepare(MemberAccount account, SimulatedAccount regional)
    {
        var region = regional.Options.Region;
        regional.Emr.AddStudio(StudioId(account.Id, region, _options.Member.StudioName), _options.Member.StudioName);
        regional.Emr.AddStudio(StudioId(account.Id, region, OtherStudioName), OtherStudioName);
        foreach (var principal in _principals.Values)
        {
            _ = principal.IdentityType == "USER" ? regional.Emr.AddUser(principal.Name, principal.Id) : regional.Emr.AddGroup(principal.Name, principal.Id);
        }
    }

    private async Task<StackSetScenarioResult> MeasureAsync(string scenario, Func<Task<IReadOnlyList<StackSetOperation>>> run)
    {
        var regionals = Organization.Accounts.SelectMany(account => account.Regions.Select(region => account.In(region))).ToList();
        var requestsBefore = regionals.ToDictionary(regional => regional, regional => regional.Emr.Requests.Count);
        var violationsBefore = regionals.ToDictionary(regional => regional, regional => regional.Violations.Count);
        _options.Log?.Invoke($"== {scenario}");
        var clock = Stopwatch.StartNew();
        var operations = await run();
        var elapsed = clock.Elapsed;

        regionals = [.. Organization.Accounts.SelectMany(account => account.Regions.Select(region => account.In(region)))];
        var calls = regionals.SelectMany(regional => regional.Emr.Requests.Skip(requestsBefore.GetValueOrDefault(regional)).Select(request => (regional.Options.Region, request.Operation ?? "?"))).ToList();
        var problems = new List<string>();
        var final = 0;
        var declared = 0;
        foreach (var regional in regionals)
        {
            var where = $"{regional.Options.AccountId}/{regional.Options.Region}";
            var expected = Declared(regional).ToHashSet();
            var actual = regional.Emr.Mappings.Select(m => new ExpectedMapping(m.StudioId, m.IdentityType, m.IdentityId, m.SessionPolicyArn)).ToHashSet();
            final += actual.Count;
            declared += expected.Count;
            problems.AddRange(actual.Except(expected).Select(mapping => $"{where}: EMR holds a mapping no stack declares: {mapping}"));
            problems.AddRange(expected.Except(actual).Select(mapping => $"{where}: EMR lacks a declared mapping: {mapping}"));
            problems.AddRange(regional.Stacks.Where(stack => StackStatuses.IsFailed(stack.Status)).Select(stack => $"{where}: stack {stack.Name} is {stack.Status}"));
            problems.AddRange(regional.Violations.Skip(violationsBefore.GetValueOrDefault(regional)).Select(violation => $"{where}: {violation}"));
        }

        var results = operations.SelectMany(operation => operation.Results).ToList();
        var result = new StackSetScenarioResult(
            scenario,
            Organization.Accounts.Count,
            Regions.Count,
            StackSet?.Instances.Count ?? 0,
            results.Count(r => r.Status == StackSetOperationStatuses.Succeeded),
            results.Count(r => r.Status == StackSetOperationStatuses.Failed),
            results.Count(r => r.Status == StackSetOperationStatuses.Cancelled),
            calls.Count,
            calls.GroupBy(call => call.Item2, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            calls.GroupBy(call => call.Region, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            final,
            declared,
            regionals.Sum(regional => regional.Stacks.Count),
            elapsed,
            operations,
            problems);
        _options.Log?.Invoke(result.ToString());
        foreach (var operation in operations)
        {
            _options.Log?.Invoke(operation.ToString());
        }

        return result;
    }
}
