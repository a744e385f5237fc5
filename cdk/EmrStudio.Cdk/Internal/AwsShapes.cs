using System.Text.RegularExpressions;
using Amazon.CDK;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The shapes of AWS names that the deployment constructs take (role ARNs, regions, accounts, organizational units),
/// checked at synth time as the services would check them at deploy time. Tokens pass.
/// </summary>
internal static partial class AwsShapes
{
    public static bool IsRoleArn(string value) => RoleArnPattern().IsMatch(value);

    public static string Region(string path, string? value, string property = "Regions") =>
        value is not null && (Token.IsUnresolved(value) || RegionPattern().IsMatch(value))
            ? value
            : throw Validation.Error(path, property, $"must hold region names such as eu-west-1 (got '{Validation.Printable(value ?? "null")}').");

    public static string Account(string path, string? value, string property) =>
        value is not null && (Token.IsUnresolved(value) || AccountPattern().IsMatch(value))
            ? value
            : throw Validation.Error(path, property, $"must hold 12-digit account ids (got '{Validation.Printable(value ?? "null")}').");

    public static string OrganizationalUnit(string path, string? value, string property) =>
        value is not null && (Token.IsUnresolved(value) || OrganizationalUnitPattern().IsMatch(value))
            ? value
            : throw Validation.Error(path, property, $"must hold organizational unit ids (ou-xxxx-xxxxxxxx) or the root id (r-xxxx) (got '{Validation.Printable(value ?? "null")}').");

    [GeneratedRegex(@"\Aarn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([!-~]*/)?[A-Za-z0-9+=,.@_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"\A[a-z]{2}(-[a-z]+)+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"\A[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    /// <summary>CloudFormation's pattern of StackSet deployment targets.</summary>
    [GeneratedRegex(@"\A(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})\z", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationalUnitPattern();
}
