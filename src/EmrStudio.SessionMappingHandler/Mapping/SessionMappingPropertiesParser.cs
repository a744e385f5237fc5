using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Turns ResourceProperties into <see cref="SessionMappingProperties"/>, or into every broken rule at once so that a
/// template author fixes them in one round. Nothing reaches EMR unless all rules hold.
/// </summary>
/// <remarks>
/// Property names are case-sensitive, as CloudFormation's are. Values must be JSON strings because CloudFormation
/// delivers every value as one; anything else came from a hand-written event and is refused rather than guessed at.
/// What each value must be is <see cref="PropertyRules"/>' business, shared with the construct's synth-time checks.
/// </remarks>
internal static class SessionMappingPropertiesParser
{
    public const string ResourceProperties = "ResourceProperties";

    /// <summary>CloudFormation's own properties: they arrive with the others and mean nothing to the mapping.</summary>
    private static readonly string[] CloudFormationProperties = ["ServiceToken", "ServiceTimeout"];

    public static PropertiesParseResult Parse(JsonElement? resourceProperties)
    {
        if (resourceProperties is not { ValueKind: JsonValueKind.Object } bag)
        {
            var got = resourceProperties is { } element ? KindName(element.ValueKind) : "nothing";
            return PropertiesParseResult.Invalid([new PropertyError(ResourceProperties, $"must be a JSON object (got {got})")]);
        }

        var errors = new List<PropertyError>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in bag.EnumerateObject())
        {
            ReadProperty(property, present, values, errors);
        }

        CheckRequired(present, errors);
        if (errors.Count > 0)
        {
            return PropertiesParseResult.Invalid([.. errors.OrderBy(e => e.Property, StringComparer.Ordinal)]);
        }

        return PropertiesParseResult.Valid(new SessionMappingProperties(
            values.GetValueOrDefault(PropertyRules.StudioId.Name) ?? string.Empty,
            values[PropertyRules.IdentityType.Name],
            values.GetValueOrDefault(PropertyRules.IdentityId.Name),
            values.GetValueOrDefault(PropertyRules.IdentityName.Name),
            values[PropertyRules.SessionPolicyArn.Name],
            values.GetValueOrDefault(PropertyRules.AdoptExisting.Name) == "true",
            values.GetValueOrDefault(PropertyRules.StudioName.Name)));
    }

    private static void ReadProperty(
        JsonProperty property, HashSet<string> present, Dictionary<string, string> values, List<PropertyError> errors)
    {
        string name;
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new PropertyError(ResourceProperties, "has a property name that is not valid Unicode text"));
            return;
        }

        var shownName = ReasonText.Echo(name);
        if (!present.Add(name))
        {
            errors.Add(new PropertyError(shownName, "must be given only once"));
            return;
        }

        if (CloudFormationProperties.Contains(name, StringComparer.Ordinal))
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                errors.Add(new PropertyError(name, $"must be a single value (got {KindName(property.Value.ValueKind)})"));
            }

            return;
        }

        var rule = PropertyRules.All.FirstOrDefault(r => r.Name == name);
        if (rule is null)
        {
            errors.Add(new PropertyError(shownName, UnknownPropertyRule(name)));
            return;
        }

        if (property.Value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new PropertyError(name, $"must be a JSON string (got {KindName(property.Value.ValueKind)})"));
            return;
        }

        string text;
        try
        {
            text = property.Value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new PropertyError(name, "must be valid Unicode text"));
            return;
        }

        if (rule.Violation(text, static value => ReasonText.Echo(value)) is { } violation)
        {
            errors.Add(new PropertyError(name, violation));
            return;
        }

        values[name] = text;
    }

    private static void CheckRequired(HashSet<string> present, List<PropertyError> errors)
    {
        foreach (var required in PropertyRules.All.Where(r => r.IsRequired))
        {
            List<string> names = [required.Name, .. PropertyRules.All.Where(r => r.AlternativeTo == required.Name).Select(r => r.Name)];
            var given = names.Count(present.Contains);
            if (names.Count == 1 && given == 0)
            {
                errors.Add(new PropertyError(required.Name, "is required"));
            }
            else if (names.Count > 1 && given != 1)
            {
                var got = given == 0 ? "neither" : names.Count == 2 ? "both" : $"{given} of them";
                errors.Add(new PropertyError(
                    string.Join('|', names),
                    $"exactly one of {string.Join(", ", names[..^1])} and {names[^1]} is required (got {got})"));
            }
        }
    }

    private static string UnknownPropertyRule(string name)
    {
        var known = PropertyRules.All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        var hint = known is null ? string.Empty : $" (did you mean {known.Name}?)";
        return $"is not a property of this resource{hint}; allowed: {string.Join(", ", PropertyRules.All.Select(r => r.Name))}";
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
