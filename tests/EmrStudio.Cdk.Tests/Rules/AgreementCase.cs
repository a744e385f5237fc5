namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>
/// One value of one property, with what the resource's rules say of it (<see cref="Ours"/>: the handler and the
/// construct alike) and what EMR's API model says (<see cref="Emr"/>). Where the two differ, ours is the stricter and
/// <see cref="Stricter"/> says why.
/// </summary>
/// <param name="Property">The property, as the template spells it.</param>
/// <param name="Label">The case's name in test output: readable, unlike some of the values.</param>
/// <param name="Value">The value, possibly with characters no test runner could show or serialize.</param>
/// <param name="Ours">Whether the handler and the construct accept it.</param>
/// <param name="Emr">Whether EMR's API model (botocore's <c>emr</c> service model) accepts it.</param>
/// <param name="Stricter">Why ours refuses what EMR's model accepts; null when both agree.</param>
internal sealed record AgreementCase(string Property, string Label, string Value, bool Ours, bool Emr, string? Stricter = null)
{
    public override string ToString() => $"{Property}: {Label}";
}
