using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>
/// A template made ready for one operation on one stack: parameters checked, rules asserted, resources ordered. Safe
/// to use from resources provisioned at once: the resolver's caches and the template's JSON are read under one lock.
/// </summary>
internal sealed class PreparedTemplate
{
    private readonly Lock _gate = new();

    private PreparedTemplate(CloudFormationTemplate template, IntrinsicResolver resolver, StackScope scope, DependencyGraph graph)
    {
        Template = template;
        Resolver = resolver;
        Scope = scope;
        Graph = graph;
    }

    public CloudFormationTemplate Template { get; }

    public IntrinsicResolver Resolver { get; }

    public StackScope Scope { get; }

    public DependencyGraph Graph { get; }

    public static PreparedTemplate Prepare(
        SimulatedStack stack, CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters, SimulatorOptions options, Func<string, string?> exportValue)
    {
        var values = ParameterResolver.Resolve(template, parameters, stack.Name, stack.StackId, options.SsmParameters);
        var scope = new StackScope(stack, exportValue);
        var resolver = new IntrinsicResolver(template, values, scope);
        foreach (var (name, rule) in template.Section("Rules"))
        {
            if (rule?["RuleCondition"] is { } condition && resolver.Resolve(condition)?.GetValue<bool>() != true)
            {
                continue;
            }

            foreach (var assertion in rule?["Assertions"] as JsonArray ?? [])
            {
                if (resolver.Resolve(assertion?["Assert"])?.GetValue<bool>() != true)
                {
                    throw new InvalidOperationException($"{template}: rule {name} fails: {assertion?["AssertDescription"]}");
                }
            }
        }

        var included = template.Resources.Where(pair => resolver.IsIncluded((JsonObject)pair.Value!)).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        return new PreparedTemplate(template, resolver, scope, DependencyGraph.Build(template, included));
    }

    public JsonObject Declaration(string logicalId)
    {
        lock (_gate)
        {
            return Template.Resource(logicalId);
        }
    }

    public string TypeOf(string logicalId)
    {
        lock (_gate)
        {
            return Template.Resource(logicalId)["Type"]!.GetValue<string>();
        }
    }

    /// <summary>The resource's properties, resolved against the stack as it is now.</summary>
    public JsonObject Properties(string logicalId)
    {
        lock (_gate)
        {
            return Resolver.Resolve(Template.Resource(logicalId)["Properties"]) as JsonObject ?? [];
        }
    }

    public string? DeletionPolicy(string logicalId)
    {
        lock (_gate)
        {
            return Template.Resource(logicalId)["DeletionPolicy"]?.GetValue<string>();
        }
    }

    public string? UpdateReplacePolicy(string logicalId)
    {
        lock (_gate)
        {
            return Template.Resource(logicalId)["UpdateReplacePolicy"]?.GetValue<string>();
        }
    }

    /// <summary>Outputs (name → value) and exports (name → value), resolved now.</summary>
    public (Dictionary<string, string> Outputs, Dictionary<string, string> Exports) ResolveOutputs()
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in Template.Section("Outputs"))
        {
            var output = (JsonObject)node!;
            if (!Resolver.IsIncluded(output))
            {
                continue;
            }

            var value = Resolver.Resolve(output["Value"])?.ToString() ?? string.Empty;
            outputs[name] = value;
            if (output["Export"]?["Name"] is { } exportName)
            {
                exports[Resolver.Resolve(exportName)!.ToString()] = value;
            }
        }

        return (outputs, exports);
    }
}
