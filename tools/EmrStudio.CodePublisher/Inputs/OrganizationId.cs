using System.Text.RegularExpressions;

namespace EmrStudio.CodePublisher.Inputs;

/// <summary>An AWS Organizations id, as <c>aws:PrincipalOrgID</c> compares it: <c>o-</c> and 10 to 32 lowercase letters or digits.</summary>
internal static partial class OrganizationId
{
    public const string Rule = "o-[a-z0-9]{10,32}";

    public static bool IsValid(string organizationId) => Shape().IsMatch(organizationId);

    [GeneratedRegex(@"\Ao-[a-z0-9]{10,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
