using System.Diagnostics.CodeAnalysis;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// One property of the resource, as <see cref="PropertyRules"/> declares it: its name, whether a template must give
/// it, and the shape its value must have on top of the text rule that every value obeys.
/// </summary>
internal sealed class PropertyRule
{
    private readonly Func<string, bool>? _hasShape;

    private PropertyRule(string name, bool isRequired, string? alternativeTo, Func<string, bool>? hasShape, string? shapeRule)
    {
        Name = name;
        IsRequired = isRequired;
        AlternativeTo = alternativeTo;
        _hasShape = hasShape;
        ShapeRule = shapeRule;
    }

    /// <summary>The property's name, as the template and EMR's API spell it.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether a template must give this property; when other properties are its alternatives, it must give exactly
    /// one of them all instead.
    /// </summary>
    public bool IsRequired { get; }

    /// <summary>The required property that this one may replace (exactly one of the two is given), or null.</summary>
    public string? AlternativeTo { get; }

    /// <summary>What the value's shape must be, phrased to follow the property's name; null when any text obeying the text rule will do.</summary>
    public string? ShapeRule { get; }

    /// <summary>A property that every template must give (or one of its alternatives instead).</summary>
    public static PropertyRule Required(string name, Func<string, bool>? hasShape = null, string? shapeRule = null) =>
        new(name, isRequired: true, alternativeTo: null, hasShape, shapeRule);

    /// <summary>A property a template may leave out.</summary>
    public static PropertyRule Optional(string name, Func<string, bool>? hasShape = null, string? shapeRule = null) =>
        new(name, isRequired: false, alternativeTo: null, hasShape, shapeRule);

    /// <summary>A property that a template gives instead of <paramref name="required"/>: exactly one of the two, never both.</summary>
    public static PropertyRule InsteadOf(PropertyRule required, string name, Func<string, bool>? hasShape = null, string? shapeRule = null)
    {
        ArgumentNullException.ThrowIfNull(required);
        return new(name, isRequired: false, required.Name, hasShape, shapeRule);
    }

    /// <summary>
    /// The first rule <paramref name="value"/> breaks, phrased to follow the property's name (<c>must match
    /// ^es-[0-9A-Z]+$ (got 'abc')</c>), or null when it obeys them all. <paramref name="echo"/> shows the value the way
    /// the caller's reader needs it: shortened and cleaned in a CloudFormation Reason, escaped for a developer at synth.
    /// </summary>
    public string? Violation(string value, Func<string, string> echo)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(echo);
        return PropertyRules.TextViolation(value, echo)
            ?? (_hasShape is null || _hasShape(value) ? null : $"{ShapeRule} (got '{echo(value)}')");
    }

    /// <summary>True when <paramref name="value"/> obeys every rule of this property.</summary>
    public bool Accepts([NotNullWhen(true)] string? value) => value is not null && Violation(value, static _ => string.Empty) is null;

    public override string ToString() => Name;
}
