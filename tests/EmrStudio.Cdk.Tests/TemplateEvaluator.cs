using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// Resolves the intrinsic functions and conditions of a decoded template for given parameter values, the way
/// CloudFormation does at deployment, so that tests can see what a parameter turns into (an IAM policy's resources,
/// whether a condition holds). It supports the functions template.yaml uses and fails on any other.
/// </summary>
internal sealed partial class TemplateEvaluator
{
    /// <summary>What <c>!Ref AWS::NoValue</c> resolves to: removed from the list or object that holds it.</summary>
    public static readonly object NoValue = new();

    private readonly TemplateYaml _template;
    private readonly Dictionary<string, object> _references;

    /// <param name="template">The decoded template.</param>
    /// <param name="parameters">Parameter values as the caller would pass them (strings; a CommaDelimitedList comma-separated); others take their Default.</param>
    public TemplateEvaluator(TemplateYaml template, IReadOnlyDictionary<string, string> parameters)
    {
        _template = template;
        _references = new(StringComparer.Ordinal)
        {
            ["AWS::Partition"] = "aws",
            ["AWS::Region"] = "eu-west-1",
            ["AWS::AccountId"] = "123456789012",
            ["AWS::StackName"] = "handler",
            ["AWS::NoValue"] = NoValue,
        };
        foreach (var parameter in template.Root.GetProperty("Parameters").EnumerateObject())
        {
            var value = parameters.TryGetValue(parameter.Name, out var given)
                ? given
                : DefaultOf(parameter) ?? throw new InvalidOperationException($"Parameter {parameter.Name} needs a value.");
            _references[parameter.Name] = parameter.Value.GetProperty("Type").GetString() == "CommaDelimitedList"
                ? value.Split(',').Select(v => (object?)v.Trim()).ToList()
                : value;
        }
    }

    public bool Condition(string name) =>
        AsBool(Evaluate(_template.Root.GetProperty("Conditions").GetProperty(name)));

    /// <summary>Resolves <paramref name="node"/>: strings, numbers, booleans, lists (<see cref="List{T}"/>), objects (<see cref="Dictionary{TKey,TValue}"/>), or <see cref="NoValue"/>.</summary>
    public object? Evaluate(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                return node.GetString();
            case JsonValueKind.Number:
                return node.GetDecimal();
            case JsonValueKind.True:
            case JsonValueKind.False:
                return node.GetBoolean();
            case JsonValueKind.Array:
                return node.EnumerateArray().Select(Evaluate).Where(v => !ReferenceEquals(v, NoValue)).ToList();
            case JsonValueKind.Object:
                var properties = node.EnumerateObject().ToList();
                if (properties.Count == 1 && IsFunction(properties[0].Name))
                {
                    return Function(properties[0].Name, properties[0].Value);
                }

                return properties
                    .Select(p => (p.Name, Value: Evaluate(p.Value)))
                    .Where(p => !ReferenceEquals(p.Value, NoValue))
                    .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            default:
                return null;
        }
    }

    /// <summary>A parameter's Default as CloudFormation passes it, a string (YAML may have decoded <c>128</c> as a number).</summary>
    private static string? DefaultOf(JsonProperty parameter) =>
        !parameter.Value.TryGetProperty("Default", out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : value.GetString();

    private static bool IsFunction(string key) => key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private object? Function(string name, JsonElement args)
    {
        switch (name)
        {
            case "Ref":
                return _references.TryGetValue(args.GetString()!, out var value)
                    ? value
                    : throw new NotSupportedException($"Ref to {args.GetString()} (resources are not resolved).");
            case "Condition":
                return Condition(args.GetString()!);
            case "Fn::If":
                return Condition(args[0].GetString()!) ? Evaluate(args[1]) : Evaluate(args[2]);
            case "Fn::Equals":
                return Equals(Evaluate(args[0]), Evaluate(args[1]));
            case "Fn::Not":
                return !AsBool(Evaluate(args[0]));
            case "Fn::And":
                return args.EnumerateArray().All(a => AsBool(Evaluate(a)));
            case "Fn::Or":
                return args.EnumerateArray().Any(a => AsBool(Evaluate(a)));
            case "Fn::Join":
                return string.Join(args[0].GetString(), AsList(Evaluate(args[1])).Select(AsString));
            case "Fn::Split":
                return AsString(Evaluate(args[1])).Split(args[0].GetString()).Select(s => (object?)s).ToList();
            case "Fn::Select":
                var index = Convert.ToInt32(Evaluate(args[0]), CultureInfo.InvariantCulture);
                var list = AsList(Evaluate(args[1]));
                return index >= 0 && index < list.Count
                    ? list[index]
                    : throw new InvalidOperationException($"Fn::Select cannot select nonexistent value at index {index}.");
            case "Fn::Sub":
                var (text, variables) = args.ValueKind == JsonValueKind.String
                    ? (args.GetString()!, new Dictionary<string, object?>(StringComparer.Ordinal))
                    : (args[0].GetString()!, (Dictionary<string, object?>)Evaluate(args[1])!);
                return SubVariable().Replace(text, m => m.Groups[1].Value.StartsWith('!')
                    ? "${" + m.Groups[1].Value[1..] + "}"
                    : AsString(variables.TryGetValue(m.Groups[1].Value, out var v) ? v : _references[m.Groups[1].Value]));
            default:
                throw new NotSupportedException($"{name} is not supported by {nameof(TemplateEvaluator)}.");
        }
    }

    private static bool AsBool(object? value) => value as bool? ?? throw new InvalidOperationException($"Expected a boolean, got {value}.");

    private static string AsString(object? value) => value as string ?? throw new InvalidOperationException($"Expected a string, got {value}.");

    private static List<object?> AsList(object? value) => value as List<object?> ?? throw new InvalidOperationException($"Expected a list, got {value}.");

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubVariable();
}
