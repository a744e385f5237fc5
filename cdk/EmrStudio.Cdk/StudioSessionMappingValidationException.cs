namespace EmrStudio.Cdk;

/// <summary>
/// A value that the synth refuses because the deployment would fail on it: a literal property that breaks the
/// resource's rules, two mappings of one principal, conflicting handler options. The message is one line that names
/// the construct path, the property and the rule, for example
/// <c>MyStack/DataScientists: StudioId must match ^es-[0-9A-Z]+$ (got 'es-abc').</c>
/// </summary>
/// <remarks>
/// An <see cref="ArgumentException"/>, so code that catches those keeps working; its <see cref="Message"/> is the
/// line alone, without the parameter suffix .NET adds, so that an app can print it as it is.
/// </remarks>
public sealed class StudioSessionMappingValidationException : ArgumentException
{
    /// <summary>Creates the error for <paramref name="property"/> of the construct at <paramref name="constructPath"/>.</summary>
    /// <param name="constructPath">The construct's path, such as <c>MyStack/DataScientists</c>.</param>
    /// <param name="property">The property or option, such as <c>StudioId</c> or <c>HandlerOptions.MemorySize</c>.</param>
    /// <param name="rule">The rule it breaks, phrased to follow the property's name.</param>
    public StudioSessionMappingValidationException(string constructPath, string property, string rule)
        : base($"{constructPath}: {property} {rule}", property)
    {
        ConstructPath = constructPath;
        Rule = rule;
    }

    /// <summary>The path of the construct whose value is refused.</summary>
    public string ConstructPath { get; }

    /// <summary>The rule the value breaks, phrased to follow the property's name (<see cref="ArgumentException.ParamName"/>).</summary>
    public string Rule { get; }

    /// <summary>The one line: construct path, property and rule.</summary>
    public override string Message => $"{ConstructPath}: {ParamName} {Rule}";
}
