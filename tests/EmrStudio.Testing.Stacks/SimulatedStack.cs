using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks;

/// <summary>
/// One stack of the simulated account: its status at every moment (what DescribeStacks reports), its template and
/// parameters as last deployed, its resources, its outputs and exports, and its event log. Thread-safe to read.
/// </summary>
public sealed class SimulatedStack
{
    private readonly Lock _lock = new();
    private readonly List<StackEvent> _events = [];
    private readonly Dictionary<string, ResourceState> _resources = new(StringComparer.Ordinal);
    private string _status = "REVIEW_IN_PROGRESS";

    internal SimulatedStack(string name, string region, string accountId)
    {
        Name = name;
        StackId = $"arn:aws:cloudformation:{region}:{accountId}:stack/{name}/{Guid.NewGuid()}";
        CreationTime = DateTimeOffset.UtcNow;
    }

    public string Name { get; }

    public string StackId { get; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset? LastUpdatedTime { get; private set; }

    public string Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>The template of the last successful operation (the rolled-back one after a rollback).</summary>
    public CloudFormationTemplate? Template { get; internal set; }

    /// <summary>The parameter values given with <see cref="Template"/>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Outputs as resolved after the last successful operation.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Exports (name → value) after the last successful operation.</summary>
    public IReadOnlyDictionary<string, string> Exports { get; internal set; } = new Dictionary<string, string>();

    /// <summary>The export names this stack's template imports.</summary>
    public IReadOnlySet<string> Imports { get; internal set; } = new HashSet<string>();

    public IReadOnlyList<StackEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyDictionary<string, ResourceState> Resources
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, ResourceState>(_resources, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The stack statuses it went through, in order.</summary>
    public IReadOnlyList<string> StatusHistory => [.. Events.Where(e => e.LogicalResourceId == Name && e.ResourceType == "AWS::CloudFormation::Stack").Select(e => e.ResourceStatus)];

    public ResourceState Resource(string logicalId) =>
        Resources.TryGetValue(logicalId, out var state) ? state : throw new KeyNotFoundException($"Stack {Name} has no resource {logicalId}.");

    internal void SetStatus(string status, string? reason = null)
    {
        lock (_lock)
        {
            _status = status;
            if (status.StartsWith("UPDATE_", StringComparison.Ordinal))
            {
                LastUpdatedTime = DateTimeOffset.UtcNow;
            }

            _events.Add(new StackEvent(DateTimeOffset.UtcNow, Name, StackId, "AWS::CloudFormation::Stack", status, reason));
        }
    }

    internal void RecordResource(string logicalId, string? physicalId, string type, string status, string? reason = null)
    {
        lock (_lock)
        {
            _events.Add(new StackEvent(DateTimeOffset.UtcNow, logicalId, physicalId, type, status, reason));
        }
    }

    internal void SetResource(ResourceState state)
    {
        lock (_lock)
        {
            _resources[state.LogicalId] = state;
        }
    }

    internal void RemoveResource(string logicalId)
    {
        lock (_lock)
        {
            _resources.Remove(logicalId);
        }
    }

    internal void ReplaceResources(IEnumerable<ResourceState> states)
    {
        lock (_lock)
        {
            _resources.Clear();
            foreach (var state in states)
            {
                _resources[state.LogicalId] = state;
            }
        }
    }

    /// <summary>The events of this stack from <paramref name="start"/> on.</summary>
    internal IReadOnlyList<StackEvent> EventsSince(int start)
    {
        lock (_lock)
        {
            return [.. _events.Skip(start)];
        }
    }

    internal int EventCount
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    public override string ToString() => $"{Name} {Status}";
}
