namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>What one side made of a value: accepted, or refused naming a property and a rule.</summary>
/// <param name="Accepted">Whether the value passed.</param>
/// <param name="Property">The property the refusal names; null when accepted.</param>
/// <param name="Rule">The rule as that side words it, echo included; null when accepted.</param>
internal sealed record Verdict(bool Accepted, string? Property = null, string? Rule = null)
{
    public static Verdict Accept { get; } = new(true);

    /// <summary>
    /// The rule without the echoed value, which each side shows its own way (the handler cleans it for a Reason, the
    /// construct escapes it for a developer), and without the construct's closing full stop.
    /// </summary>
    public string? RuleWithoutEcho => Rule is null ? null : Rule.Split(" (got ", 2)[0].TrimEnd('.');
}
