using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmrStudio.Testing.Emr;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// CDK's <c>AwsCustomResource</c> (<c>Custom::AWS</c>), whose Node.js handler is not ours: its <c>Create</c>,
/// <c>Update</c> and <c>Delete</c> properties (JSON strings: service, action, parameters, physicalResourceId,
/// ignoreErrorCodesMatching) are interpreted against the EMR fake's state, EMR calls only.
/// </summary>
internal sealed class AwsCustomResourceHandler(FakeEmr emr) : IResourceHandler
{
    public const string Type = "Custom::AWS";

    private static readonly HashSet<string> KnownProperties = ["ServiceToken", "Create", "Update", "Delete", "InstallLatestAwsSdk", "ServiceTimeout"];

    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var call = Call(request.Properties, "Create") ?? Call(request.Properties, "Update")
            ?? throw new NotSupportedException($"{request.LogicalId}: Custom::AWS without a Create or Update call.");
        return Task.FromResult(Perform(request, call, currentId: null));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        var call = Call(request.Properties, "Update");
        return Task.FromResult(call is null ? ResourceOutcome.Success(request.PhysicalId!) : Perform(request, call, request.PhysicalId));
    }

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        var call = Call(request.Properties, "Delete");
        return Task.FromResult(call is null ? ResourceOutcome.Success(request.PhysicalId!) : Perform(request, call, request.PhysicalId));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => false;

    private ResourceOutcome Perform(ResourceRequest request, JsonObject call, string? currentId)
    {
        var service = call["service"]?.GetValue<string>();
        if (service is not ("EMR" or "Emr" or "@aws-sdk/client-emr"))
        {
            throw new NotSupportedException($"{request.LogicalId}: Custom::AWS calls to {service} are not simulated (EMR only).");
        }

        var action = call["action"]?.GetValue<string>() ?? throw new NotSupportedException($"{request.LogicalId}: a call without an action.");
        var operation = char.ToUpperInvariant(action[0]) + action[1..].Replace("Command", string.Empty, StringComparison.Ordinal);
        var parameters = call["parameters"] as JsonObject ?? [];
        var result = emr.Call(operation, (JsonObject)parameters.DeepClone(), $"{Type} {request.Stack.Name}/{request.LogicalId}");
        if (!result.Succeeded)
        {
            var code = result.ErrorType?[(result.ErrorType.LastIndexOf('#') + 1)..] ?? "Error";
            var ignore = call["ignoreErrorCodesMatching"]?.GetValue<string>();
            if (ignore is null || !Regex.IsMatch(code, ignore, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return ResourceOutcome.Failure($"{code}: {result.Message}", currentId);
            }
        }

        var id = call["physicalResourceId"] switch
        {
            JsonObject { } spec when spec["id"] is JsonValue literal => literal.GetValue<string>(),
            JsonObject { } spec when spec["responsePath"] is JsonValue path => Flatten(result.Output).GetValueOrDefault(path.GetValue<string>())
                ?? throw new NotSupportedException($"{request.LogicalId}: the response has no {path}."),
            null => currentId ?? throw new NotSupportedException($"{request.LogicalId}: Custom::AWS Create without a physicalResourceId."),
            var other => throw new NotSupportedException($"{request.LogicalId}: physicalResourceId {other.ToJsonString()} is not simulated."),
        };
        var attributes = new JsonObject();
        foreach (var (key, value) in Flatten(result.Output))
        {
            attributes[key] = value;
        }

        return ResourceOutcome.Success(id, attributes: attributes);
    }

    private static JsonObject? Call(JsonObject properties, string name)
    {
        foreach (var (key, _) in properties)
        {
            if (!KnownProperties.Contains(key))
            {
                throw new NotSupportedException($"Custom::AWS property {key} is not simulated.");
            }
        }

        return properties[name] switch
        {
            null => null,
            JsonValue text => JsonNode.Parse(text.GetValue<string>()) as JsonObject,
            JsonObject call => call,
            var other => throw new NotSupportedException($"Custom::AWS {name} is {other.ToJsonString()}."),
        };
    }

    /// <summary>The response flattened as the CDK handler does: nested members joined with dots.</summary>
    private static Dictionary<string, string> Flatten(JsonObject output)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string prefix)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        Walk(value, prefix.Length == 0 ? key : $"{prefix}.{key}");
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{prefix}.{i}");
                    }

                    break;
                case JsonValue value:
                    flat[prefix] = value.TryGetValue<string>(out var text) ? text : value.ToJsonString();
                    break;
                default:
                    break;
            }
        }

        Walk(output, string.Empty);
        return flat;
    }
}
