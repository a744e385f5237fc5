using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Iam;

/// <summary>One statement of a policy document, with IAM's matching rules for Action/NotAction and Resource/NotResource.</summary>
public sealed class IamStatement
{
    private IamStatement(string policyName, string? sid, bool isAllow, IReadOnlyList<string>? actions, IReadOnlyList<string>? notActions,
        IReadOnlyList<string>? resources, IReadOnlyList<string>? notResources, JsonNode? condition)
    {
        PolicyName = policyName;
        Sid = sid;
        IsAllow = isAllow;
        Actions = actions;
        NotActions = notActions;
        Resources = resources;
        NotResources = notResources;
        Condition = condition;
    }

    public string PolicyName { get; }

    public string? Sid { get; }

    public bool IsAllow { get; }

    public IReadOnlyList<string>? Actions { get; }

    public IReadOnlyList<string>? NotActions { get; }

    public IReadOnlyList<string>? Resources { get; }

    public IReadOnlyList<string>? NotResources { get; }

    public JsonNode? Condition { get; }

    public static IamStatement Parse(JsonObject statement, string policyName)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var effect = statement["Effect"]?.GetValue<string>();
        if (effect is not ("Allow" or "Deny"))
        {
            throw new NotSupportedException($"Policy {policyName}: Effect '{effect}' is neither Allow nor Deny.");
        }

        foreach (var (name, _) in statement)
        {
            if (name is not ("Sid" or "Effect" or "Action" or "NotAction" or "Resource" or "NotResource" or "Condition"))
            {
                throw new NotSupportedException($"Policy {policyName}: statement member '{name}' is not supported (identity policies only).");
            }
        }

        var actions = Strings(statement["Action"], policyName);
        var notActions = Strings(statement["NotAction"], policyName);
        var resources = Strings(statement["Resource"], policyName);
        var notResources = Strings(statement["NotResource"], policyName);
        if ((actions is null) == (notActions is null) || (resources is null) == (notResources is null))
        {
            throw new NotSupportedException($"Policy {policyName}: a statement needs exactly one of Action/NotAction and one of Resource/NotResource.");
        }

        return new IamStatement(policyName, statement[nameof(Sid)]?.GetValue<string>(), effect == "Allow", actions, notActions, resources, notResources, statement[nameof(Condition)]);
    }

    /// <summary>True when the statement applies to this request; throws when it would apply but carries a Condition.</summary>
    public bool AppliesTo(string action, string resource)
    {
        var actionMatches = Actions is not null
            ? Actions.Any(pattern => IamWildcard.Matches(pattern, action, ignoreCase: true))
            : !NotActions!.Any(pattern => IamWildcard.Matches(pattern, action, ignoreCase: true));
        var resourceMatches = Resources is not null
            ? Resources.Any(pattern => IamWildcard.Matches(pattern, resource, ignoreCase: false))
            : !NotResources!.Any(pattern => IamWildcard.Matches(pattern, resource, ignoreCase: false));
        if (actionMatches && resourceMatches && Condition is not null)
        {
            throw new NotSupportedException(
                $"Policy {PolicyName} statement {Sid ?? "(no Sid)"} has a Condition ({Condition.ToJsonString()}) that the simulator cannot evaluate.");
        }

        return actionMatches && resourceMatches;
    }

    private static List<string>? Strings(JsonNode? node, string policyName) => node switch
    {
        null => null,
        JsonArray array => [.. array.Select(item => item?.GetValue<string>() ?? throw new NotSupportedException($"Policy {policyName}: a null in an Action or Resource list."))],
        JsonValue value => [value.GetValue<string>()],
        _ => throw new NotSupportedException($"Policy {policyName}: Action and Resource must be strings or lists of strings, got {node.ToJsonString()}."),
    };
}
