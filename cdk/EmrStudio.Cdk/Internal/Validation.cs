using System.Text.RegularExpressions;
using Amazon.CDK;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Synth-time checks of literal property values, mirroring the handler's own rules so that a typo fails
/// <c>cdk synth</c> instead of a deployment. Tokens pass through: their values are only known at deploy time.
/// </summary>
internal static partial class Validation
{
    private const int MaxLength = 256;

    public static void StudioId(string? value) =>
        Check("StudioId", value, v => StudioIdPattern().IsMatch(v), "must match ^es-[0-9A-Z]+$ (for example es-0123456789ABCDEFGHIJKLMNO)");

    public static void SessionPolicyArn(string? value) =>
        Check("SessionPolicyArn", value, v => PolicyArnPattern().IsMatch(v), "must be an IAM policy ARN, arn:<partition>:iam::<12-digit account>:policy/<name>");

    public static void IdentityId(string? value) =>
        Check("IdentityId", value, v => IdentityIdPattern().IsMatch(v), "must be an Identity Store id (a GUID, optionally prefixed by a 10-character store id and a dash)");

    public static void IdentityName(string? value) =>
        Check("IdentityName", value, IsPrintableXml, "must contain no control characters and only characters XML allows");

    private static void Check(string property, string? value, Func<string, bool> rule, string ruleText)
    {
        if (value is null)
        {
            throw new ArgumentException($"{property} is required.", property);
        }

        if (Token.IsUnresolved(value))
        {
            return;
        }

        if (value.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"{property} must be 1 to {MaxLength} characters long (got {value.Length}).", property);
        }

        if (!rule(value))
        {
            throw new ArgumentException($"{property} {ruleText}; got '{Printable(value)}'.", property);
        }
    }

    /// <summary>No control character (not even tab, CR or LF, which no principal's name holds), no unpaired surrogate, no U+FFFE/U+FFFF.</summary>
    private static bool IsPrintableXml(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static string Printable(string value) =>
        value.Length > 80 ? Printable(value[..80]) + "..." : string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c >= '\uFFFE' ? $"\\u{(int)c:x4}" : c.ToString()));

    [GeneratedRegex("^es-[0-9A-Z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex StudioIdPattern();

    [GeneratedRegex(@"^arn:[a-z][a-z0-9-]*:iam::[0-9]{12}:policy/.+$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PolicyArnPattern();

    [GeneratedRegex("^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityIdPattern();
}
