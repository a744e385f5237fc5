using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>
/// The order CloudFormation may create resources in: each after everything it depends on, through <c>DependsOn</c> or
/// a reference (Ref, Fn::GetAtt, Fn::Sub). Among resources free to go, template order decides, so runs repeat.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> _dependencies;

    private DependencyGraph(IReadOnlyList<string> order, Dictionary<string, HashSet<string>> dependencies)
    {
        Order = order;
        _dependencies = dependencies;
    }

    /// <summary>Every included resource, each after its dependencies.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Direct dependencies of a resource (among the included ones).</summary>
    public IReadOnlySet<string> DependenciesOf(string logicalId) => _dependencies.TryGetValue(logicalId, out var set) ? set : [];

    /// <summary>True when <paramref name="logicalId"/> depends, directly or not, on <paramref name="dependency"/>.</summary>
    public bool DependsOn(string logicalId, string dependency)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(DependenciesOf(logicalId));
        while (pending.TryPop(out var next))
        {
            if (next == dependency)
            {
                return true;
            }

            if (seen.Add(next))
            {
                foreach (var further in DependenciesOf(next))
                {
                    pending.Push(further);
                }
            }
        }

        return false;
    }

    public static DependencyGraph Build(CloudFormationTemplate template, IReadOnlySet<string> included)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(included);
        var resources = template.Resources;
        var templateOrder = resources.Select(pair => pair.Key).Where(included.Contains).ToList();
        var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var id in templateOrder)
        {
            var declaration = (JsonObject)resources[id]!;
            var set = new HashSet<string>(StringComparer.Ordinal);
            var dependsOn = declaration["DependsOn"] switch
            {
                null => [],
                JsonArray array => array.Select(item => item!.GetValue<string>()).ToList(),
                var single => [single.GetValue<string>()],
            };
            foreach (var dependency in dependsOn)
            {
                if (!resources.ContainsKey(dependency))
                {
                    throw new InvalidOperationException($"{template}: {id} DependsOn {dependency}, which the template does not declare.");
                }

                if (included.Contains(dependency))
                {
                    set.Add(dependency);
                }
            }

            foreach (var name in IntrinsicResolver.ReferencedNames(declaration["Properties"]))
            {
                if (included.Contains(name) && name != id)
                {
                    set.Add(name);
                }
            }

            dependencies[id] = set;
        }

        var order = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < templateOrder.Count)
        {
            var next = templateOrder.FirstOrDefault(id => !placed.Contains(id) && dependencies[id].All(placed.Contains))
                ?? throw new InvalidOperationException(
                    $"{template}: circular dependency among {string.Join(", ", templateOrder.Where(id => !placed.Contains(id)))}.");
            order.Add(next);
            placed.Add(next);
        }

        return new DependencyGraph(order, dependencies);
    }
}
