using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// A service-managed StackSet: a template and its parameters, the stack instances it has in the organization's accounts
/// and regions (each a real simulated stack, created, updated and deleted by CloudFormation's rules, so a failed
/// instance rolls back as a stack does), the OUs and regions it targets, and every operation it ran. One operation
/// at a time: an explicit call while one runs is refused, an auto-deployment waits its turn.
/// </summary>
public sealed class SimulatedStackSet
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly SimulatedOrganization _organization;
    private readonly Dictionary<StackInstanceKey, StackInstance> _instances = [];
    private readonly List<StackInstanceKey> _order = [];
    private readonly HashSet<(string UnitId, string Region)> _targets = [];
    private readonly List<StackSetOperation> _operations = [];
    private bool _deleted;

    internal SimulatedStackSet(
        SimulatedOrganization organization, string name, CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters, StackSetAutoDeployment autoDeployment)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z][-a-zA-Z0-9]{0,127}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new StackSetException(StackSetException.ValidationError, $"StackSet name '{name}' must start with a letter and hold only letters, digits and hyphens, at most 128.");
        }

        Check(template, autoDeployment);
        _organization = organization;
        Name = name;
        Template = template;
        Parameters = parameters;
        AutoDeployment = autoDeployment;
    }

    public string Name { get; }

    public CloudFormationTemplate Template { get; private set; }

    public IReadOnlyDictionary<string, string> Parameters { get; private set; }

    public StackSetAutoDeployment AutoDeployment { get; private set; }

    /// <summary>The stack instances, in the order they were added.</summary>
    public IReadOnlyList<StackInstance> Instances
    {
        get
        {
            lock (_lock)
            {
                return [.. _order.Select(key => _instances[key])];
            }
        }
    }

    /// <summary>Every operation, auto-deployments included, in the order they ran.</summary>
    public IReadOnlyList<StackSetOperation> Operations
    {
        get
        {
            lock (_lock)
            {
                return [.. _operations];
            }
        }
    }

    public StackInstance? Instance(string account, string region)
    {
        lock (_lock)
        {
            return _instances.GetValueOrDefault(new StackInstanceKey(account, region));
        }
    }

    /// <summary>
    /// CreateStackInstances: an instance for every account <paramref name="targets"/> reach in every one of
    /// <paramref name="regions"/> that has none yet, created with the StackSet's template and parameters. The OUs
    /// targeted become the StackSet's auto-deployment targets in those regions.
    /// </summary>
    public Task<StackSetOperation> CreateStackInstancesAsync(DeploymentTargets targets, IReadOnlyList<string> regions, StackSetOperationPreferences? preferences = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(regions);
        return ExplicitAsync(preferences, regions, (operationId, ordered) =>
        {
            var reached = _organization.Resolve(targets);
            var work = new List<InstanceWork>();
            lock (_lock)
            {
                // Auto-deployment follows OUs targeted as a whole, not OUs narrowed or widened by an account filter.
                foreach (var unitId in targets.AccountFilterType == AccountFilterType.None ? targets.OrganizationalUnitIds : [])
                {
                    foreach (var region in regions)
                    {
                        _targets.Add((unitId, region));
                    }
                }

                foreach (var region in ordered)
                {
                    foreach (var (account, unitId) in reached)
                    {
                        var key = new StackInstanceKey(account.Id, region);
                        if (_instances.ContainsKey(key))
                        {
                            continue;
                        }

                        Put(new StackInstance(account.Id, region, unitId, StackInstanceStatuses.Outdated, StackSetOperationStatuses.Pending, null, null, operationId));
                        work.Add(DeployWork(key, unitId, operationId));
                    }
                }
            }

            return (StackSetOperationActions.Create, work, false);
        });
    }

    /// <summary>
    /// UpdateStackSet: the StackSet takes the new template and parameters (the old ones where null) and, if given, the
    /// new auto-deployment; then every stack instance except inoperable ones is brought to them.
    /// </summary>
    public Task<StackSetOperation> UpdateStackSetAsync(
        CloudFormationTemplate? template = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        StackSetOperationPreferences? preferences = null,
        StackSetAutoDeployment? autoDeployment = null)
    {
        Check(template ?? Template, autoDeployment ?? AutoDeployment);
        return ExplicitAsync(preferences, _organization.Options.Regions, (operationId, _) =>
        {
            var work = new List<InstanceWork>();
            lock (_lock)
            {
                Template = template ?? Template;
                Parameters = parameters ?? Parameters;
                AutoDeployment = autoDeployment ?? AutoDeployment;
                foreach (var key in _order.Where(key => _instances[key].Status != StackInstanceStatuses.Inoperable))
                {
                    Put(_instances[key] with { Status = StackInstanceStatuses.Outdated, DetailedStatus = StackSetOperationStatuses.Pending, LastOperationId = operationId });
                    work.Add(DeployWork(key, _instances[key].OrganizationalUnitId, operationId));
                }
            }

            return (StackSetOperationActions.Update, work, false);
        });
    }

    /// <summary>
    /// DeleteStackInstances: the instances of the accounts <paramref name="targets"/> reach (or that were deployed
    /// through a targeted OU) in <paramref name="regions"/>; their stacks are deleted, or with
    /// <paramref name="retainStacks"/> kept, no longer managed by the StackSet. The OUs stop being auto-deployment
    /// targets in those regions. A stack that fails to delete leaves its instance INOPERABLE.
    /// </summary>
    public Task<StackSetOperation> DeleteStackInstancesAsync(
        DeploymentTargets targets, IReadOnlyList<string> regions, bool retainStacks, StackSetOperationPreferences? preferences = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(regions);
        return ExplicitAsync(preferences, regions, (operationId, ordered) =>
        {
            var reached = _organization.Resolve(targets).Select(entry => entry.Account.Id).ToHashSet(StringComparer.Ordinal);
            var work = new List<InstanceWork>();
            lock (_lock)
            {
                _targets.RemoveWhere(target => targets.OrganizationalUnitIds.Contains(target.UnitId) && regions.Contains(target.Region));
                foreach (var region in ordered)
                {
                    foreach (var key in _order.Where(key => key.Region == region))
                    {
                        var instance = _instances[key];
                        if (reached.Contains(key.Account) || (instance.OrganizationalUnitId is { } unitId && targets.OrganizationalUnitIds.Contains(unitId)))
                        {
                            work.Add(DeleteWork(key, instance.OrganizationalUnitId, operationId, retainStacks));
                        }
                    }
                }
            }

            return (StackSetOperationActions.Delete, work, retainStacks);
        });
    }

    /// <summary>Auto-deployment for an account that is now in a targeted OU: its missing instances, in every region the OU is targeted in.</summary>
    internal Task<StackSetOperation?> AccountJoinedAsync(MemberAccount account) =>
        AutomaticAsync(operationId =>
        {
            var work = new List<InstanceWork>();
            lock (_lock)
            {
                foreach (var region in account.Regions)
                {
                    var key = new StackInstanceKey(account.Id, region);
                    var unitId = _targets.Where(target => target.Region == region).Select(target => target.UnitId)
                        .Order(StringComparer.Ordinal).FirstOrDefault(unit => _organization.IsWithin(account, unit));
                    if (unitId is null || _instances.ContainsKey(key))
                    {
                        continue;
                    }

                    Put(new StackInstance(account.Id, region, unitId, StackInstanceStatuses.Outdated, StackSetOperationStatuses.Pending, null, null, operationId));
                    work.Add(DeployWork(key, unitId, operationId));
                }
            }

            return (StackSetOperationActions.Create, work, false);
        });

    /// <summary>
    /// Auto-deployment for an account that is no longer in a targeted OU: its instances there are deleted, or with
    /// RetainStacksOnAccountRemoval leave the StackSet with their stacks kept.
    /// </summary>
    internal Task<StackSetOperation?> AccountLeftAsync(MemberAccount account) =>
        AutomaticAsync(operationId =>
        {
            var work = new List<InstanceWork>();
            lock (_lock)
            {
                foreach (var key in _order.Where(key => key.Account == account.Id))
                {
                    var covered = _targets.Any(target => target.Region == key.Region && _organization.IsWithin(account, target.UnitId));
                    var instance = _instances[key];
                    if (!covered && instance.OrganizationalUnitId is not null)
                    {
                        work.Add(DeleteWork(key, instance.OrganizationalUnitId, operationId, AutoDeployment.RetainStacksOnAccountRemoval));
                    }
                }
            }

            return (StackSetOperationActions.Delete, work, AutoDeployment.RetainStacksOnAccountRemoval);
        });

    /// <summary>What DeleteStackSet checks: no operation running, no instance left. Afterwards every call is refused.</summary>
    internal void MarkDeleted()
    {
        if (!_turn.Wait(0))
        {
            throw new StackSetException(StackSetException.OperationInProgress, $"Another operation is in progress on StackSet {Name}.");
        }

        try
        {
            lock (_lock)
            {
                if (_instances.Count > 0)
                {
                    throw new StackSetException(StackSetException.StackSetNotEmpty, $"StackSet {Name} still has {_instances.Count} stack instance(s): delete them first.");
                }

                _deleted = true;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private static void Check(CloudFormationTemplate template, StackSetAutoDeployment autoDeployment)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(autoDeployment);
        if (template.Root.ContainsKey("Transform"))
        {
            throw new StackSetException(StackSetException.ValidationError, $"{template}: a service-managed StackSet runs no macros, and the template declares a Transform.");
        }

        if (autoDeployment.RetainStacksOnAccountRemoval && !autoDeployment.Enabled)
        {
            throw new StackSetException(StackSetException.ValidationError, "RetainStacksOnAccountRemoval is only for a StackSet whose auto-deployment is enabled.");
        }
    }

    private async Task<StackSetOperation> ExplicitAsync(
        StackSetOperationPreferences? preferences,
        IReadOnlyList<string> regions,
        Func<string, IReadOnlyList<string>, (string Action, List<InstanceWork> Work, bool Retain)> plan)
    {
        var chosen = preferences ?? new StackSetOperationPreferences();
        var ordered = chosen.OrderRegions(regions);
        foreach (var region in ordered.Where(region => !_organization.Options.Regions.Contains(region)))
        {
            throw new StackSetException(StackSetException.ValidationError, $"Region {region} is not one the organization uses.");
        }

        if (!_turn.Wait(0))
        {
            throw new StackSetException(StackSetException.OperationInProgress, $"Another operation is in progress on StackSet {Name}.");
        }

        try
        {
            EnsureNotDeleted();
            var operationId = Guid.NewGuid().ToString();
            return await RunAsync(operationId, chosen, ordered, plan(operationId, ordered), isAutoDeployment: false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<StackSetOperation?> AutomaticAsync(Func<string, (string Action, List<InstanceWork> Work, bool Retain)> plan)
    {
        await _turn.WaitAsync();
        try
        {
            if (_deleted || !AutoDeployment.Enabled)
            {
                return null;
            }

            var operationId = Guid.NewGuid().ToString();
            var planned = plan(operationId);
            return planned.Work.Count == 0
                ? null
                : await RunAsync(operationId, StackSetOperationPreferences.ForAutoDeployment, _organization.Options.Regions, planned, isAutoDeployment: true);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<StackSetOperation> RunAsync(
        string operationId, StackSetOperationPreferences preferences, IReadOnlyList<string> regions, (string Action, List<InstanceWork> Work, bool Retain) planned, bool isAutoDeployment)
    {
        var run = await new StackSetOperationRunner(_organization.InstanceOperationStarting).RunAsync(regions, planned.Work, preferences);
        lock (_lock)
        {
            foreach (var cancelled in run.Results.Where(result => result.Status == StackSetOperationStatuses.Cancelled))
            {
                if (_instances.TryGetValue(cancelled.Key, out var instance) && planned.Action != StackSetOperationActions.Delete)
                {
                    Put(instance with { Status = StackInstanceStatuses.Outdated, DetailedStatus = StackSetOperationStatuses.Cancelled, StatusReason = cancelled.StatusReason });
                }
            }

            var operation = new StackSetOperation(
                operationId,
                planned.Action,
                run.Failed ? StackSetOperationStatuses.Failed : StackSetOperationStatuses.Succeeded,
                isAutoDeployment,
                planned.Retain,
                preferences,
                run.RegionsStarted,
                run.Results,
                run.MaxConcurrency,
                run.MaxConcurrencyByRegion);
            _operations.Add(operation);
            return operation;
        }
    }

    private InstanceWork DeployWork(StackInstanceKey key, string? unitId, string operationId) =>
        new(key, unitId, () => DeployAsync(key, operationId));

    private InstanceWork DeleteWork(StackInstanceKey key, string? unitId, string operationId, bool retainStacks) =>
        new(key, unitId, () => DeleteAsync(key, operationId, retainStacks));

    /// <summary>
    /// Creates the instance's stack, or updates it to the StackSet's template and parameters. A stack whose creation
    /// rolled back cannot be updated: it is deleted and a new one created in its place.
    /// </summary>
    private async Task<InstanceOutcome> DeployAsync(StackInstanceKey key, string operationId)
    {
        CloudFormationTemplate template;
        IReadOnlyDictionary<string, string> parameters;
        StackInstance instance;
        lock (_lock)
        {
            template = Template;
            parameters = Parameters;
            instance = _instances[key] with { DetailedStatus = StackSetOperationStatuses.Running, LastOperationId = operationId };
            Put(instance);
        }

        var account = _organization.Account(key.Account).In(key.Region);
        var stack = account.Stacks.FirstOrDefault(candidate => candidate.Name == instance.StackName);
        if (stack is { Status: StackStatuses.RollbackComplete })
        {
            await account.DeleteStackAsync(stack.Name);
            stack = null;
        }

        var stackName = stack?.Name ?? $"StackSet-{Name}-{Guid.NewGuid()}";
        string? failure;
        try
        {
            var result = await account.DeployAsync(stackName, template, parameters);
            failure = result.FinalStatus is StackStatuses.CreateComplete or StackStatuses.UpdateComplete ? null : Reason(result);
        }
        catch (InvalidOperationException exception)
        {
            failure = exception.Message;
        }

        lock (_lock)
        {
            Put(_instances[key] with
            {
                StackName = account.Stacks.Any(candidate => candidate.Name == stackName) ? stackName : null,
                Status = failure is null ? StackInstanceStatuses.Current : StackInstanceStatuses.Outdated,
                DetailedStatus = failure is null ? StackSetOperationStatuses.Succeeded : StackSetOperationStatuses.Failed,
                StatusReason = failure,
            });
        }

        return failure is null ? InstanceOutcome.Success : InstanceOutcome.Failure(failure);
    }

    /// <summary>Deletes the instance's stack (none to delete when it was never created), or keeps it with <paramref name="retainStacks"/>.</summary>
    private async Task<InstanceOutcome> DeleteAsync(StackInstanceKey key, string operationId, bool retainStacks)
    {
        StackInstance instance;
        lock (_lock)
        {
            instance = _instances[key] with { DetailedStatus = StackSetOperationStatuses.Running, LastOperationId = operationId };
            Put(instance);
        }

        var account = _organization.Account(key.Account).In(key.Region);
        var stack = account.Stacks.FirstOrDefault(candidate => candidate.Name == instance.StackName);
        string? failure = null;
        if (!retainStacks && stack is not null)
        {
            try
            {
                var result = await account.DeleteStackAsync(stack.Name);
                failure = result.FinalStatus == StackStatuses.DeleteComplete ? null : Reason(result);
            }
            catch (InvalidOperationException exception)
            {
                failure = exception.Message;
            }
        }

        lock (_lock)
        {
            if (failure is null)
            {
                _instances.Remove(key);
                _order.Remove(key);
            }
            else
            {
                Put(_instances[key] with { Status = StackInstanceStatuses.Inoperable, DetailedStatus = StackSetOperationStatuses.Failed, StatusReason = failure });
            }
        }

        return failure is null ? InstanceOutcome.Success : InstanceOutcome.Failure(failure);
    }

    /// <summary>What CloudFormation reports for a failed stack: the first resource that failed, and why.</summary>
    private static string Reason(StackOperationResult result)
    {
        var failed = result.Events.FirstOrDefault(e => StackStatuses.IsFailed(e.ResourceStatus) && e.ResourceType != "AWS::CloudFormation::Stack");
        return failed is null
            ? $"The stack ended in {result.FinalStatus}."
            : $"ResourceLogicalId:{failed.LogicalResourceId}, ResourceType:{failed.ResourceType}, ResourceStatusReason:{failed.Reason}";
    }

    private void EnsureNotDeleted()
    {
        if (_deleted)
        {
            throw new StackSetException(StackSetException.StackSetNotFound, $"StackSet {Name} not found.");
        }
    }

    /// <summary>Adds or replaces an instance; the caller holds the lock.</summary>
    private void Put(StackInstance instance)
    {
        if (_instances.TryAdd(instance.Key, instance))
        {
            _order.Add(instance.Key);
        }
        else
        {
            _instances[instance.Key] = instance;
        }
    }
}
