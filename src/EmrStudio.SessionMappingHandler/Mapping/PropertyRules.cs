using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// The rules of the resource's properties, in one place. The handler's parser, <see cref="MappingId"/> and the CDK
/// construct's synth-time validation (which compiles this file in) all read them, so a value fails <c>cdk synth</c>
/// exactly when it would fail the deployment, and every side words the rule the same way.
/// </summary>
/// <remarks>
/// <para>
/// <b>Text.</b> Every value is 1 to 256 UTF-16 code units of well-formed Unicode (no unpaired surrogate) with no
/// control character (U+0000-U+001F and U+007F-U+009F: tab, CR and LF included) and neither U+FFFE nor U+FFFF.
/// Characters outside the Basic Multilingual Plane are allowed; each counts as two of the 256.
/// </para>
/// <para>
/// <b>Against EMR's own rule.</b> EMR's API model allows 0 to 256 XML characters: tab, CR, LF and the other characters
/// from U+0020 up, except U+FFFE, U+FFFF and unpaired surrogates. These rules are stricter, never looser, so whatever
/// they accept EMR's model accepts too. An empty value names nothing. Tab, CR and LF are valid XML but belong in no
/// studio id, principal name, principal id or policy ARN: a pasted trailing newline would otherwise name a principal
/// that does not exist, and fail at EMR long after the stack started instead of at once. DEL and the C1 controls
/// (U+007F-U+009F) are XML characters too, refused for the same reason. U+FFFE and U+FFFF are no XML
/// characters: EMR refuses them. The length counts UTF-16 code units, which is never fewer than the characters EMR's
/// model counts.
/// </para>
/// <para>
/// <b>Shapes.</b> On top of the text rule: a studio id as EMR issues them (<c>^es-[0-9A-Z]+$</c>; EMR's model only
/// asks for text); an identity type from EMR's enum (USER, GROUP); an Identity Store id (a GUID, optionally after a
/// 10-hex-digit store prefix and a dash); an IAM policy ARN. An identity name is any text. Patterns are
/// source-generated, so they work under Native AOT; <c>\z</c> rather than <c>$</c> because <c>$</c> also matches
/// before a trailing newline; explicit ASCII classes rather than <c>\d</c> and <c>\w</c>, which match non-ASCII
/// digits and letters.
/// </para>
/// <para>
/// A new property is one entry, listed in <see cref="All"/>: its name, whether it is required, optional or given
/// instead of another, and its shape, if any. A studio named by its name, say, would be
/// <c>PropertyRule.InsteadOf(StudioId, "StudioName")</c>: the parser then asks for exactly one of the two.
/// </para>
/// </remarks>
internal static partial class PropertyRules
{
    /// <summary>The longest value EMR accepts in any string member, in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    /// <summary>EMR's enum of identity types.</summary>
    public static readonly IReadOnlyList<string> IdentityTypes = ["USER", "GROUP"];

    private const string StudioIdShape = "es-[0-9A-Z]+";

    public static readonly PropertyRule StudioId = PropertyRule.Required(
        "StudioId", v => StudioIdPattern().IsMatch(v), $"must match ^{StudioIdShape}$");

    /// <summary>A studio named by its name: resolved to its id in the function's account and region before any mapping call.</summary>
    public static readonly PropertyRule StudioName = PropertyRule.InsteadOf(StudioId, "StudioName");

    public static readonly PropertyRule IdentityType = PropertyRule.Required(
        "IdentityType", v => IdentityTypes.Contains(v, StringComparer.Ordinal), $"must be {string.Join(" or ", IdentityTypes)}");

    public static readonly PropertyRule IdentityId = PropertyRule.Required(
        "IdentityId", v => IdentityIdPattern().IsMatch(v), "must be an Identity Store id: a GUID, optionally after a 10-hex-digit store prefix and '-'");

    public static readonly PropertyRule IdentityName = PropertyRule.InsteadOf(IdentityId, "IdentityName");

    public static readonly PropertyRule SessionPolicyArn = PropertyRule.Required(
        "SessionPolicyArn", v => SessionPolicyArnPattern().IsMatch(v), "must be an IAM policy ARN arn:<partition>:iam::<12-digit account>:policy/<path><name>");

    /// <summary>Not EMR's: whether a Create that finds the mapping already there takes it over.</summary>
    public static readonly PropertyRule AdoptExisting = PropertyRule.Optional(
        "AdoptExisting", v => v is "true" or "false", "must be \"true\" or \"false\"");

    /// <summary>Every property of the resource, in the order a Reason lists them.</summary>
    public static readonly IReadOnlyList<PropertyRule> All = [StudioId, StudioName, IdentityType, IdentityId, IdentityName, SessionPolicyArn, AdoptExisting];

    /// <summary>
    /// The rule every value obeys, whatever it names, phrased to follow the property's name; null when
    /// <paramref name="text"/> obeys it. Only the forbidden-character case echoes the value: the others have nothing
    /// worth showing (empty, too long, or text with no Unicode form).
    /// </summary>
    public static string? TextViolation(string text, Func<string, string> echo)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(echo);
        if (text.Length == 0)
        {
            return "must not be empty";
        }

        if (text.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters (got {text.Length})";
        }

        if (!IsWellFormedUtf16(text))
        {
            return "must be valid Unicode text";
        }

        return text.Any(IsForbiddenCharacter)
            ? $"must not contain control characters (tab, CR and LF included) or U+FFFE/U+FFFF (got '{echo(text)}')"
            : null;
    }

    /// <summary>True when <paramref name="text"/> obeys the text rule.</summary>
    public static bool IsAllowedText([NotNullWhen(true)] string? text) => text is not null && TextViolation(text, static _ => string.Empty) is null;

    public static bool IsWellFormedUtf16(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsForbiddenCharacter(char character) => char.IsControl(character) || character is '\uFFFE' or '\uFFFF';

    [GeneratedRegex(@"\A" + StudioIdShape + @"\z", RegexOptions.CultureInvariant)]
    public static partial Regex StudioIdPattern();

    /// <summary>An Identity Store id: a GUID, optionally behind a 10-hex-digit identity store prefix.</summary>
    [GeneratedRegex(
        @"\A([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}\z",
        RegexOptions.CultureInvariant)]
    public static partial Regex IdentityIdPattern();

    /// <summary>
    /// <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:policy/&lt;path&gt;&lt;name&gt;</c>. Partitions are <c>aws</c> and its
    /// dash-suffixed siblings (aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...); IAM paths are printable ASCII between
    /// slashes and policy names are <c>[A-Za-z0-9_+=,.@-]</c>.
    /// </summary>
    [GeneratedRegex(
        @"\Aarn:aws(-[a-z]+)*:iam::[0-9]{12}:policy/([!-~]*/)?[A-Za-z0-9_+=,.@-]+\z",
        RegexOptions.CultureInvariant)]
    public static partial Regex SessionPolicyArnPattern();
}
