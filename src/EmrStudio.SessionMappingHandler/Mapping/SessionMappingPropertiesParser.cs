using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Turns ResourceProperties into <see cref="SessionMappingProperties"/>, or into every broken rule at once so that a
/// template author fixes them in one round. Nothing reaches EMR unless all rules hold.
/// </summary>
/// <remarks>
/// Property names are case-sensitive, as CloudFormation's are. Values must be JSON strings because CloudFormation
/// delivers every value as one; anything else came from a hand-written event and is refused rather than guessed at.
/// EMR accepts tab, CR and LF in its strings, but none belongs in a studio id, a principal or an ARN, so every
/// control character is refused.
/// </remarks>
internal static class SessionMappingPropertiesParser
{
    public const int MaxLength = 256;

    public const string StudioId = "StudioId";
    public const string IdentityType = "IdentityType";
    public const string IdentityId = "IdentityId";
    public const string IdentityName = "IdentityName";
    public const string SessionPolicyArn = "SessionPolicyArn";
    public const string AdoptExisting = "AdoptExisting";
    public const string ResourceProperties = "ResourceProperties";
    private const string EitherIdentity = "IdentityId|IdentityName";

    private static readonly string[] MappingProperties = [StudioId, IdentityType, IdentityId, IdentityName, SessionPolicyArn, AdoptExisting];

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
            values[StudioId],
            values[IdentityType],
            values.GetValueOrDefault(IdentityId),
            values.GetValueOrDefault(IdentityName),
            values[SessionPolicyArn],
            values.GetValueOrDefault(AdoptExisting) == "true"));
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

        if (!MappingProperties.Contains(name, StringComparer.Ordinal))
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

        var rule = TextRule(text) ?? FormatRule(name, text);
        if (rule is not null)
        {
            errors.Add(new PropertyError(name, rule));
            return;
        }

        values[name] = text;
    }

    private static void CheckRequired(HashSet<string> present, List<PropertyError> errors)
    {
        foreach (var required in (string[])[StudioId, IdentityType, SessionPolicyArn])
        {
            if (!present.Contains(required))
            {
                errors.Add(new PropertyError(required, "is required"));
            }
        }

        var hasId = present.Contains(IdentityId);
        var hasName = present.Contains(IdentityName);
        if (hasId == hasName)
        {
            var got = hasId ? "both" : "neither";
            errors.Add(new PropertyError(EitherIdentity, $"exactly one of IdentityId and IdentityName is required (got {got})"));
        }
    }

    /// <summary>The rules every string obeys, whatever it names; null when it obeys them.</summary>
    private static string? TextRule(string text)
    {
        if (text.Length == 0)
        {
            return "must not be empty";
        }

        if (text.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters (got {text.Length})";
        }

        if (!IsWellFormedUtf16(text))
        {
            return "must be valid Unicode text";
        }

        if (text.Any(char.IsControl))
        {
            return $"must not contain control characters (got '{ReasonText.Echo(text)}')";
        }

        return null;
    }

    private static string? FormatRule(string name, string text) => name switch
    {
        StudioId when !MappingPatterns.StudioId().IsMatch(text) =>
            $"must match {MappingPatterns.StudioIdRule} (got '{ReasonText.Echo(text)}')",
        IdentityType when text is not ("USER" or "GROUP") =>
            $"must be USER or GROUP (got '{ReasonText.Echo(text)}')",
        IdentityId when !MappingPatterns.IdentityId().IsMatch(text) =>
            $"must be an Identity Store id: a GUID, optionally after a 10-hex-digit store prefix and '-' (got '{ReasonText.Echo(text)}')",
        SessionPolicyArn when !MappingPatterns.SessionPolicyArn().IsMatch(text) =>
            $"must be an IAM policy ARN arn:<partition>:iam::<12-digit account>:policy/<path><name> (got '{ReasonText.Echo(text)}')",
        AdoptExisting when text is not ("true" or "false") =>
            $"must be \"true\" or \"false\" (got '{ReasonText.Echo(text)}')",
        _ => null,
    };

    private static string UnknownPropertyRule(string name)
    {
        var known = MappingProperties.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        var hint = known is null ? string.Empty : $" (did you mean {known}?)";
        return $"is not a property of this resource{hint}; allowed: {string.Join(", ", MappingProperties)}";
    }

    internal static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
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
