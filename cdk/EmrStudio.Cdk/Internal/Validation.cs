using Amazon.CDK;
using EmrStudio.SessionMappingHandler.Mapping;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Synth-time checks of literal property values with the handler's own patterns (its MappingPatterns.cs is compiled
/// into this library), so that a value fails <c>cdk synth</c> exactly when it would fail the deployment. Tokens pass
/// through: their values are only known at deploy time. Every error names the construct path and the property.
/// </summary>
internal static class Validation
{
    private const int MaxLength = 256;

    /// <summary>The one shape of every synth-time error: <c>&lt;construct path&gt;: &lt;property&gt; &lt;rule&gt;</c>.</summary>
    public static ArgumentException Error(string path, string property, string rule) => new($"{path}: {property} {rule}", property);

    /// <summary>A required member left null: an <see cref="ArgumentNullException"/>, worded like every other error.</summary>
    public static ArgumentNullException Missing(string path, string property) => new(property, $"{path}: {property} is required.");

    public static void StudioId(string path, string? value) =>
        Check(path, "StudioId", value, v => MappingPatterns.StudioId().IsMatch(v), "must match ^es-[0-9A-Z]+$ (for example es-0123456789ABCDEFGHIJKLMNO)");

    public static void SessionPolicyArn(string path, string? value) =>
        Check(path, "SessionPolicyArn", value, v => MappingPatterns.SessionPolicyArn().IsMatch(v), "must be an IAM policy ARN, arn:<partition>:iam::<12-digit account>:policy/<name>");

    public static void IdentityId(string path, string? value) =>
        Check(path, "IdentityId", value, v => MappingPatterns.IdentityId().IsMatch(v), "must be an Identity Store id (a GUID, optionally prefixed by a 10-character store id and a dash)");

    public static void IdentityName(string path, string? value) =>
        Check(path, "IdentityName", value, IsPrintableXml, "must contain no control characters and only characters XML allows");

    /// <summary>CloudFormation accepts Delete and Retain for a custom resource; it rejects Snapshot.</summary>
    public static void MappingRemovalPolicy(string path, RemovalPolicy? value)
    {
        if (value == RemovalPolicy.SNAPSHOT)
        {
            throw Error(path, "RemovalPolicy", "cannot be SNAPSHOT: CloudFormation supports snapshots only for resources that have them; use DESTROY or RETAIN.");
        }
    }

    public static string Printable(string value) =>
        value.Length > 80 ? Printable(value[..80]) + "..." : string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c >= '\uFFFE' ? $"\\u{(int)c:x4}" : c.ToString()));

    private static void Check(string path, string property, string? value, Func<string, bool> rule, string ruleText)
    {
        if (value is null)
        {
            throw Error(path, property, "is required.");
        }

        if (Token.IsUnresolved(value))
        {
            return;
        }

        if (value.Length is 0 or > MaxLength)
        {
            throw Error(path, property, $"must be 1 to {MaxLength} characters long (got {value.Length}).");
        }

        if (!rule(value))
        {
            throw Error(path, property, $"{ruleText}; got '{Printable(value)}'.");
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
}
