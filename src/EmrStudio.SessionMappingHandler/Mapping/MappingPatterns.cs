using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// The formats of the values EMR and IAM accept. Source-generated, so they work under Native AOT; <c>\z</c> rather
/// than <c>$</c> because <c>$</c> also matches before a trailing newline; explicit ASCII classes rather than
/// <c>\d</c> and <c>\w</c>, which match non-ASCII digits and letters.
/// </summary>
internal static partial class MappingPatterns
{
    public const string StudioIdRule = "^es-[0-9A-Z]+$";

    [GeneratedRegex(@"\Aes-[0-9A-Z]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex StudioId();

    /// <summary>An Identity Store id: a GUID, optionally behind a 10-hex-digit identity store prefix.</summary>
    [GeneratedRegex(
        @"\A([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}\z",
        RegexOptions.CultureInvariant)]
    public static partial Regex IdentityId();

    /// <summary>
    /// <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:policy/&lt;path&gt;&lt;name&gt;</c>. Partitions are <c>aws</c> and its
    /// dash-suffixed siblings (aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...); IAM paths are printable ASCII between
    /// slashes and policy names are <c>[A-Za-z0-9_+=,.@-]</c>.
    /// </summary>
    [GeneratedRegex(
        @"\Aarn:aws(-[a-z]+)*:iam::[0-9]{12}:policy/([!-~]*/)?[A-Za-z0-9_+=,.@-]+\z",
        RegexOptions.CultureInvariant)]
    public static partial Regex SessionPolicyArn();
}
