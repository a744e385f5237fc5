namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>What EMR's API model says of one input member.</summary>
/// <param name="Min">The shortest length allowed, if stated.</param>
/// <param name="Max">The longest length allowed, if stated.</param>
/// <param name="Pattern">The pattern (a Java regular expression) the value must match, if any.</param>
/// <param name="Enum">The only values allowed, for an enum.</param>
internal sealed record MemberConstraints(int? Min, int? Max, string? Pattern, IReadOnlyList<string>? Enum);
