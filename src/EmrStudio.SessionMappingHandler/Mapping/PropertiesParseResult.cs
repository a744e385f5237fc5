using System.Diagnostics.CodeAnalysis;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>Either the validated properties or every rule they break, sorted by property.</summary>
internal sealed class PropertiesParseResult
{
    private PropertiesParseResult(SessionMappingProperties? properties, IReadOnlyList<PropertyError> errors)
    {
        Properties = properties;
        Errors = errors;
    }

    public SessionMappingProperties? Properties { get; }

    public IReadOnlyList<PropertyError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Properties))]
    public bool IsValid => Properties is not null;

    public static PropertiesParseResult Valid(SessionMappingProperties properties) => new(properties, []);

    public static PropertiesParseResult Invalid(IReadOnlyList<PropertyError> errors) => new(null, errors);

    /// <summary>All errors on one line, for a FAILED Reason.</summary>
    public string Describe() => string.Join("; ", Errors);
}
