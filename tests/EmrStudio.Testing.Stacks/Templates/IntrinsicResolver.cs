using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>
/// Resolves a template's intrinsic functions as CloudFormation does at deployment: Ref (parameters, pseudo parameters,
/// resources), Fn::GetAtt, Fn::Join, Fn::Sub (both forms, <c>${Res.Attr}</c>, <c>${!Literal}</c>), Fn::Select,
/// Fn::Split, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition, Fn::FindInMap, Fn::Base64, Fn::ImportValue and,
/// in rules, Fn::Contains. <c>AWS::NoValue</c> removes the member or item that holds it. Anything else throws.
/// </summary>
public sealed partial class IntrinsicResolver
{
    private static readonly JsonValue NoValueMarker = JsonValue.Create("\u0000AWS::NoValue\u0000");

    private readonly CloudFormationTemplate _template;
    private readonly IReadOnlyDictionary<string, JsonNode> _parameters;
    private readonly IResolutionScope _scope;
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    /// <param name="template">The template.</param>
    /// <param name="parameters">Parameter and pseudo-parameter values (see <see cref="ParameterResolver"/>).</param>
    /// <param name="scope">Resources and exports.</param>
    public IntrinsicResolver(CloudFormationTemplate template, IReadOnlyDictionary<string, JsonNode> parameters, IResolutionScope scope)
    {
        _template = template;
        _parameters = parameters;
        _scope = scope;
    }

    /// <summary>Whether the named condition holds (evaluated once).</summary>
    public bool Condition(string name)
    {
        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        var definition = _template.Section("Conditions")[name] ?? throw new KeyNotFoundException($"{_template}: no condition {name}.");
        if (!_evaluating.Add(name))
        {
            throw new InvalidOperationException($"{_template}: condition {name} refers to itself.");
        }

        var value = AsBool(Resolve(definition), $"condition {name}");
        _evaluating.Remove(name);
        return _conditions[name] = value;
    }

    /// <summary>Whether a resource or output with this (optional) Condition member is part of the stack.</summary>
    public bool IsIncluded(JsonObject declaration) =>
        declaration?["Condition"] is not JsonValue condition || Condition(condition.GetValue<string>());

    /// <summary>The node with every function resolved; a copy, never a node of the template.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        var value = ResolveOrNoValue(node);
        return ReferenceEquals(value, NoValueMarker) ? null : value;
    }

    private JsonNode? ResolveOrNoValue(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return value.DeepClone();
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    var resolved = ResolveOrNoValue(item);
                    if (!ReferenceEquals(resolved, NoValueMarker))
                    {
                        items.Add(resolved);
                    }
                }

                return items;
            case JsonObject obj when obj.Count == 1 && IsFunction(obj.First().Key):
                var (name, arguments) = obj.First();
                return Function(name, arguments);
            case JsonObject obj:
                var members = new JsonObject();
                foreach (var (key, member) in obj)
                {
                    var resolved = ResolveOrNoValue(member);
                    if (!ReferenceEquals(resolved, NoValueMarker))
                    {
                        members[key] = resolved;
                    }
                }

                return members;
            default:
                throw new NotSupportedException($"Unexpected node {node.ToJsonString()}.");
        }
    }

    private static bool IsFunction(string key) => key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private JsonNode? Function(string name, JsonNode? arguments)
    {
        switch (name)
        {
            case "Ref":
                return Ref(Text(arguments, "Ref"));
            case "Condition":
                return JsonValue.Create(Condition(Text(arguments, "Condition")));
            case "Fn::GetAtt":
                var (resource, attribute) = GetAttArguments(arguments);
                return _scope.ResourceAttribute(resource, attribute).DeepClone();
            case "Fn::If":
                var branches = Arguments(arguments, name, 3);
                return Condition(Text(branches[0], name)) ? ResolveOrNoValue(branches[1]) : ResolveOrNoValue(branches[2]);
            case "Fn::Equals":
                var pair = Arguments(arguments, name, 2);
                return JsonValue.Create(JsonNode.DeepEquals(Scalarize(Resolve(pair[0])), Scalarize(Resolve(pair[1]))));
            case "Fn::Not":
                return JsonValue.Create(!AsBool(Resolve(Arguments(arguments, name, 1)[0]), name));
            case "Fn::And":
                return JsonValue.Create(Arguments(arguments, name, -1).All(item => AsBool(Resolve(item), name)));
            case "Fn::Or":
                return JsonValue.Create(Arguments(arguments, name, -1).Any(item => AsBool(Resolve(item), name)));
            case "Fn::Join":
                var join = Arguments(arguments, name, 2);
                return JsonValue.Create(string.Join(Text(join[0], name), AsList(Resolve(join[1]), name).Select(item => Scalar(item, name))));
            case "Fn::Split":
                var split = Arguments(arguments, name, 2);
                return new JsonArray([.. Scalar(Resolve(split[1]), name).Split(Text(split[0], name)).Select(part => (JsonNode?)JsonValue.Create(part))]);
            case "Fn::Select":
                var select = Arguments(arguments, name, 2);
                var index = int.Parse(Scalar(Resolve(select[0]), name), CultureInfo.InvariantCulture);
                var list = AsList(Resolve(select[1]), name);
                return index >= 0 && index < list.Count
                    ? list[index]?.DeepClone()
                    : throw new InvalidOperationException($"{_template}: Fn::Select cannot select nonexistent value at index {index}.");
            case "Fn::Sub":
                return JsonValue.Create(Sub(arguments));
            case "Fn::FindInMap":
                var find = Arguments(arguments, name, 3);
                var map = _template.Section("Mappings")[Scalar(Resolve(find[0]), name)] as JsonObject
                    ?? throw new KeyNotFoundException($"{_template}: no mapping {find[0]?.ToJsonString()}.");
                return (map[Scalar(Resolve(find[1]), name)]?[Scalar(Resolve(find[2]), name)]
                    ?? throw new KeyNotFoundException($"{_template}: Fn::FindInMap {arguments?.ToJsonString()} finds nothing.")).DeepClone();
            case "Fn::Base64":
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Scalar(Resolve(arguments), name))));
            case "Fn::ImportValue":
                return JsonValue.Create(_scope.ImportValue(Scalar(Resolve(arguments), name)));
            case "Fn::Contains":
                var contains = Arguments(arguments, name, 2);
                var needle = Scalarize(Resolve(contains[1]));
                return JsonValue.Create(AsList(Resolve(contains[0]), name).Any(item => JsonNode.DeepEquals(Scalarize(item), needle)));
            default:
                throw new NotSupportedException($"{_template}: {name} is not supported by the stack simulator.");
        }
    }

    private JsonNode Ref(string name)
    {
        if (name == "AWS::NoValue")
        {
            return NoValueMarker;
        }

        if (_parameters.TryGetValue(name, out var parameter))
        {
            return parameter.DeepClone();
        }

        return name.StartsWith("AWS::", StringComparison.Ordinal)
            ? throw new NotSupportedException($"{_template}: pseudo parameter {name} is not supported by the stack simulator.")
            : _scope.ResourceRef(name).DeepClone();
    }

    private string Sub(JsonNode? arguments)
    {
        string text;
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (arguments is JsonArray array)
        {
            var parts = Arguments(array, "Fn::Sub", 2);
            text = Text(parts[0], "Fn::Sub");
            foreach (var (key, value) in parts[1] as JsonObject ?? throw new NotSupportedException("Fn::Sub's second argument must be an object."))
            {
                variables[key] = Resolve(value);
            }
        }
        else
        {
            text = Text(arguments, "Fn::Sub");
        }

        return SubVariable().Replace(text, match =>
        {
            var variable = match.Groups[1].Value;
            if (variable.StartsWith('!'))
            {
                return "${" + variable[1..] + "}";
            }

            if (variables.TryGetValue(variable, out var given))
            {
                return Scalar(given, "Fn::Sub");
            }

            if (_parameters.ContainsKey(variable) || variable.StartsWith("AWS::", StringComparison.Ordinal) || !variable.Contains('.', StringComparison.Ordinal))
            {
                return Scalar(Ref(variable), "Fn::Sub");
            }

            var dot = variable.IndexOf('.', StringComparison.Ordinal);
            return Scalar(_scope.ResourceAttribute(variable[..dot], variable[(dot + 1)..]), "Fn::Sub");
        });
    }

    /// <summary>The logical ids a node refers to (Ref, Fn::GetAtt, Fn::Sub), for dependency ordering.</summary>
    public static IEnumerable<string> ReferencedNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj.First().Key == "Ref" && obj.First().Value is JsonValue reference:
                yield return reference.GetValue<string>();
                break;
            case JsonObject obj when obj.Count == 1 && obj.First().Key == "Fn::GetAtt":
                yield return GetAttArguments(obj.First().Value).Resource;
                break;
            case JsonObject obj when obj.Count == 1 && obj.First().Key == "Fn::Sub":
                var arguments = obj.First().Value;
                var text = arguments is JsonArray array ? array[0]?.GetValue<string>() ?? string.Empty : arguments?.GetValue<string>() ?? string.Empty;
                var local = arguments is JsonArray withVariables && withVariables.Count > 1 && withVariables[1] is JsonObject map ? map.Select(pair => pair.Key).ToHashSet() : [];
                foreach (Match match in SubVariable().Matches(text))
                {
                    var variable = match.Groups[1].Value;
                    if (!variable.StartsWith('!') && !local.Contains(variable))
                    {
                        yield return variable.Split('.')[0];
                    }
                }

                if (arguments is JsonArray withMap && withMap.Count > 1)
                {
                    foreach (var name in ReferencedNames(withMap[1]))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonObject obj:
                foreach (var (_, member) in obj)
                {
                    foreach (var name in ReferencedNames(member))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    foreach (var name in ReferencedNames(item))
                    {
                        yield return name;
                    }
                }

                break;
            default:
                break;
        }
    }

    private static (string Resource, string Attribute) GetAttArguments(JsonNode? arguments) => arguments switch
    {
        JsonArray { Count: 2 } array => (array[0]!.GetValue<string>(), array[1]!.GetValue<string>()),
        JsonValue value when value.GetValue<string>() is var text && text.Contains('.', StringComparison.Ordinal) =>
            (text[..text.IndexOf('.', StringComparison.Ordinal)], text[(text.IndexOf('.', StringComparison.Ordinal) + 1)..]),
        _ => throw new NotSupportedException($"Fn::GetAtt {Show(arguments)} is neither [resource, attribute] nor \"resource.attribute\"."),
    };

    private static JsonNode?[] Arguments(JsonNode? arguments, string name, int count)
    {
        var array = arguments as JsonArray ?? throw new NotSupportedException($"{name} takes a list, got {arguments?.ToJsonString()}.");
        return count >= 0 && array.Count != count
            ? throw new NotSupportedException($"{name} takes {count} arguments, got {array.Count}: {array.ToJsonString()}.")
            : [.. array];
    }

    private static string Text(JsonNode? node, string name) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new NotSupportedException($"{name} needs a literal string here, got {node?.ToJsonString()}.");

    /// <summary>A resolved scalar as the string CloudFormation would see (numbers and booleans included).</summary>
    private static string Scalar(JsonNode? node, string name) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value => value.ToJsonString(),
        _ => throw new NotSupportedException($"{name} needs a string here, got {Show(node)}."),
    };

    private static JsonNode? Scalarize(JsonNode? node) => node is JsonValue ? JsonValue.Create(Scalar(node, "Fn::Equals")) : node;

    private static bool AsBool(JsonNode? node, string what) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag)
            ? flag
            : node is JsonValue text && text.TryGetValue<string>(out var word) && word is "true" or "false"
                ? word == "true"
                : throw new NotSupportedException($"{what} needs a boolean, got {node?.ToJsonString()}.");

    private static List<JsonNode?> AsList(JsonNode? node, string name) =>
        node is JsonArray array ? [.. array] : throw new NotSupportedException($"{name} needs a list here, got {node?.ToJsonString()}.");

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubVariable();
}
