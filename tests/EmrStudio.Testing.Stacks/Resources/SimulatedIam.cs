using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Iam;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// The account's IAM as the stacks made it, keyed by physical id: roles (inline policies, managed policy ARNs,
/// permissions boundary), AWS::IAM::Policy documents attached to roles, and managed policies. What a role may do is
/// read from here at the moment of each call.
/// </summary>
internal sealed class SimulatedIam(string accountId)
{
    /// <summary>The AWS managed policies the simulator knows the content of; any other fails loudly when evaluated.</summary>
    private static readonly Dictionary<string, string> AwsManagedPolicies = new(StringComparer.Ordinal)
    {
        ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""",
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _managedPolicies = new(StringComparer.Ordinal);

    public string RoleArn(JsonObject properties, string name) =>
        $"arn:aws:iam::{accountId}:role{properties["Path"]?.GetValue<string>() ?? "/"}{name}";

    public string ManagedPolicyArn(JsonObject properties, string name) =>
        $"arn:aws:iam::{accountId}:policy{properties["Path"]?.GetValue<string>() ?? "/"}{name}";

    public void PutRole(string name, JsonObject properties) => Put(_roles, name, properties);

    public void RemoveRole(string name) => Remove(_roles, name);

    public void PutPolicy(string id, JsonObject properties) => Put(_policies, id, properties);

    public void RemovePolicy(string id) => Remove(_policies, id);

    public void PutManagedPolicy(string arn, JsonObject properties) => Put(_managedPolicies, arn, properties);

    public void RemoveManagedPolicy(string arn) => Remove(_managedPolicies, arn);

    public bool RoleExists(string name)
    {
        lock (_lock)
        {
            return _roles.ContainsKey(name);
        }
    }

    /// <summary>What IAM evaluates for a session of the role with ARN <paramref name="roleArn"/> named <paramref name="sessionName"/>.</summary>
    public IamPrincipalPolicies SessionOf(string roleArn, string sessionName)
    {
        lock (_lock)
        {
            var (name, role) = _roles.FirstOrDefault(pair => RoleArn(pair.Value, pair.Key) == roleArn);
            if (role is null)
            {
                throw new KeyNotFoundException($"The role {roleArn} does not exist (now).");
            }

            var callerArn = $"arn:aws:sts::{accountId}:assumed-role/{name}/{sessionName}";
            var policies = new List<IamPolicy>();
            foreach (var inline in role["Policies"] as JsonArray ?? [])
            {
                policies.Add(IamPolicy.Parse($"{name}/{inline?["PolicyName"]}", inline?["PolicyDocument"]));
            }

            foreach (var (id, policy) in _policies)
            {
                if ((policy["Roles"] as JsonArray ?? []).Any(roleName => roleName?.GetValue<string>() == name))
                {
                    policies.Add(IamPolicy.Parse($"{policy["PolicyName"]} ({id})", policy["PolicyDocument"]));
                }
            }

            var attached = (role["ManagedPolicyArns"] as JsonArray ?? []).Select(arn => arn!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var (arn, policy) in _managedPolicies)
            {
                if ((policy["Roles"] as JsonArray ?? []).Any(roleName => roleName?.GetValue<string>() == name))
                {
                    attached.Add(arn);
                }
            }

            policies.AddRange(attached.Select(ManagedPolicy));
            var boundary = role["PermissionsBoundary"]?.GetValue<string>() is { } boundaryArn ? ManagedPolicy(boundaryArn) : null;
            return new IamPrincipalPolicies(callerArn, policies, boundary);
        }
    }

    /// <summary>
    /// Why the role of <paramref name="roleArn"/> does not let the role <paramref name="principalArn"/> assume it, or
    /// null when an Allow statement of its trust policy names that role, its account's root or its account for
    /// <c>sts:AssumeRole</c>. Conditions and NotPrincipal are not simulated: a statement with either fails loudly.
    /// </summary>
    public string? DistrustOf(string roleArn, string principalArn)
    {
        JsonNode? document;
        lock (_lock)
        {
            var role = _roles.FirstOrDefault(pair => RoleArn(pair.Value, pair.Key) == roleArn).Value;
            if (role is null)
            {
                return $"the role {roleArn} does not exist";
            }

            document = role["AssumeRolePolicyDocument"]?.DeepClone();
        }

        var principalAccount = principalArn.Split(':') is { Length: > 4 } parts ? parts[4] : string.Empty;
        var statements = document?["Statement"] switch
        {
            JsonArray array => [.. array],
            JsonObject single => [single],
            _ => new List<JsonNode?>(),
        };
        foreach (var statement in statements)
        {
            if (statement?["Condition"] is not null || statement?["NotPrincipal"] is not null)
            {
                throw new NotSupportedException($"The trust policy of {roleArn} has a Condition or NotPrincipal, which the simulator does not evaluate.");
            }

            var actions = Strings(statement?["Action"]);
            var principals = Strings(statement?["Principal"]?["AWS"]);
            if (statement?["Effect"]?.GetValue<string>() == "Allow"
                && actions.Any(action => action is "sts:AssumeRole" or "sts:*" or "*")
                && principals.Any(principal => principal == principalArn || principal == principalAccount || principal == $"arn:aws:iam::{principalAccount}:root"))
            {
                return null;
            }
        }

        return $"its trust policy does not allow {principalArn} to assume it";
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(item => item?.GetValue<string>() ?? string.Empty)],
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    private IamPolicy ManagedPolicy(string arn)
    {
        if (_managedPolicies.TryGetValue(arn, out var policy))
        {
            return IamPolicy.Parse(arn, policy["PolicyDocument"]);
        }

        return AwsManagedPolicies.TryGetValue(arn, out var document)
            ? IamPolicy.Parse(arn, JsonNode.Parse(document))
            : throw new NotSupportedException($"The managed policy {arn} is neither in a simulated stack nor one the simulator knows.");
    }

    private void Put(Dictionary<string, JsonObject> map, string key, JsonObject properties)
    {
        lock (_lock)
        {
            map[key] = (JsonObject)properties.DeepClone();
        }
    }

    private void Remove(Dictionary<string, JsonObject> map, string key)
    {
        lock (_lock)
        {
            map.Remove(key);
        }
    }
}
