using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>
/// The values of a template's parameters for one stack operation, checked as CloudFormation checks them (types,
/// AllowedValues, AllowedPattern, lengths), with the pseudo parameters of the simulated account beside them. SSM
/// parameter types read the configured SSM values. Anything unsupported throws.
/// </summary>
public static class ParameterResolver
{
    public static Dictionary<string, JsonNode> Resolve(
        CloudFormationTemplate template,
        IReadOnlyDictionary<string, string> given,
        string stackName,
        string stackId,
        IReadOnlyDictionary<string, string> ssmParameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(ssmParameters);
        ArgumentNullException.ThrowIfNull(stackId);
        // The stack's ARN names its region and account: arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>.
        var arn = stackId.Split(':');
        var values = new Dictionary<string, JsonNode>(StringComparer.Ordinal)
        {
            ["AWS::Partition"] = SimulatedAccountDefaults.Partition,
            ["AWS::Region"] = arn[3],
            ["AWS::AccountId"] = arn[4],
            ["AWS::URLSuffix"] = SimulatedAccountDefaults.UrlSuffix,
            ["AWS::StackName"] = stackName,
            ["AWS::StackId"] = stackId,
            ["AWS::NotificationARNs"] = new JsonArray(),
        };

        var declared = template.Section("Parameters");
        foreach (var name in given.Keys.Where(name => !declared.ContainsKey(name)))
        {
            throw new InvalidOperationException($"{template}: parameter {name} is given but not declared (CloudFormation rejects it).");
        }

        foreach (var (name, node) in declared)
        {
            var declaration = node as JsonObject ?? throw new NotSupportedException($"{template}: parameter {name} is not an object.");
            var type = declaration["Type"]?.GetValue<string>() ?? throw new NotSupportedException($"{template}: parameter {name} has no Type.");
            var text = given.TryGetValue(name, out var value)
                ? value
                : declaration["Default"] is JsonValue fallback ? Scalar(fallback) : throw new InvalidOperationException($"{template}: parameter {name} needs a value.");
            values[name] = type switch
            {
                "String" => Check(template, name, declaration, text),
                "Number" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    ? Check(template, name, declaration, text)
                    : throw new InvalidOperationException($"{template}: parameter {name} must be a number, got '{text}'."),
                // CloudFormation trims the spaces around each member: "a, b" is ["a", "b"].
                "CommaDelimitedList" or "List<Number>" => new JsonArray([.. text.Split(',').Select(entry => (JsonNode?)Check(template, name, declaration, entry.Trim()))]),
                "AWS::SSM::Parameter::Value<String>" => ssmParameters.TryGetValue(text, out var stored)
                    ? JsonValue.Create(stored)
                    : throw new InvalidOperationException($"{template}: parameter {name} reads SSM parameter {text}, which the simulated account does not hold."),
                _ => throw new NotSupportedException($"{template}: parameter type {type} (of {name}) is not supported by the stack simulator."),
            };
        }

        return values;
    }

    private static JsonValue Check(CloudFormationTemplate template, string name, JsonObject declaration, string value)
    {
        if (declaration["AllowedValues"] is JsonArray allowed && !allowed.Any(item => item is JsonValue option && Scalar(option) == value))
        {
            throw new InvalidOperationException($"{template}: parameter {name} '{value}' is not one of its AllowedValues.");
        }

        if (declaration["AllowedPattern"] is JsonValue pattern && !Regex.IsMatch(value, $"^(?:{pattern.GetValue<string>()})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new InvalidOperationException($"{template}: parameter {name} '{value}' does not match its AllowedPattern {pattern}.");
        }

        if ((declaration["MaxLength"] is JsonValue max && value.Length > int.Parse(Scalar(max), CultureInfo.InvariantCulture))
            || (declaration["MinLength"] is JsonValue min && value.Length < int.Parse(Scalar(min), CultureInfo.InvariantCulture)))
        {
            throw new InvalidOperationException($"{template}: parameter {name} '{value}' breaks its MinLength/MaxLength.");
        }

        return JsonValue.Create(value);
    }

    private static string Scalar(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : value.ToJsonString();
}
