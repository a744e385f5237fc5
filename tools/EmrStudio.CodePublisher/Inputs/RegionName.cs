using System.Text.RegularExpressions;

namespace EmrStudio.CodePublisher.Inputs;

/// <summary>The shape of an AWS region name: <c>us-east-1</c>, <c>us-gov-west-1</c>, <c>eu-isoe-west-1</c>, <c>eusc-de-east-1</c>.</summary>
internal static partial class RegionName
{
    public const string Rule = "lowercase words joined by hyphens, ending in a number, like us-east-1";

    public static bool IsValid(string region) => Shape().IsMatch(region);

    [GeneratedRegex(@"\A[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
