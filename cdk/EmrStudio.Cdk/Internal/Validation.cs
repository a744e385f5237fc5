using System.Globalization;
using System.Text;
using Amazon.CDK;
using EmrStudio.SessionMappingHandler.Mapping;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Synth-time checks of literal property values with the handler's own rules (its PropertyRules.cs is compiled into
/// this library), so that a value fails <c>cdk synth</c> exactly when it would fail the deployment, worded as the
/// handler words it. Tokens pass through: their values are only known at deploy time. Every error names the construct
/// path and the property.
/// </summary>
internal static class Validation
{
    private const int MaxEcho = 80;

    /// <summary>The one shape of every synth-time error: <c>&lt;construct path&gt;: &lt;property&gt; &lt;rule&gt;</c>.</summary>
    public static StudioSessionMappingValidationException Error(string path, string property, string rule) => new(path, property, rule);

    /// <summary>A required member left null: an <see cref="ArgumentNullException"/>, worded like every other error.</summary>
    public static ArgumentNullException Missing(string path, string property) => new(property, $"{path}: {property} is required.");

    /// <summary>Checks a literal <paramref name="value"/> of the resource's property <paramref name="rule"/>; a token passes.</summary>
    public static void Property(string path, PropertyRule rule, string? value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (value is null)
        {
            throw Error(path, rule.Name, "is required.");
        }

        if (!Token.IsUnresolved(value) && rule.Violation(value, Printable) is { } violation)
        {
            throw Error(path, rule.Name, violation + ".");
        }
    }

    /// <summary>
    /// Checks a session policy: a literal ARN by the resource's rule; an ARN made of pseudo parameters (a policy by
    /// name) by the ARN it makes in a sample account, since every account's ARN has the same shape.
    /// </summary>
    public static void SessionPolicy(string path, SessionPolicyReference policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.SampleArn() is not { } sample)
        {
            Property(path, PropertyRules.SessionPolicyArn, policy.PolicyArn);
            return;
        }

        if (sample.Contains("${", StringComparison.Ordinal))
        {
            throw Error(path, "SessionPolicy", $"'{Printable(policy.ArnTemplate!)}' may use only ${{AWS::Partition}}, ${{AWS::AccountId}} and ${{AWS::Region}}.");
        }

        if (PropertyRules.SessionPolicyArn.Violation(sample, Printable) is { } violation)
        {
            throw Error(path, "SessionPolicy", $"'{Printable(policy.ArnTemplate!)}' does not make a valid SessionPolicyArn, which {violation}.");
        }
    }

    /// <summary>CloudFormation accepts Delete and Retain for a custom resource; it rejects Snapshot.</summary>
    public static void MappingRemovalPolicy(string path, RemovalPolicy? value)
    {
        if (value == RemovalPolicy.SNAPSHOT)
        {
            throw Error(path, "RemovalPolicy", "cannot be SNAPSHOT: CloudFormation supports snapshots only for resources that have them; use DESTROY or RETAIN.");
        }
    }

    /// <summary>A value as a developer needs to see it in a message: controls, unpaired surrogates and U+FFFE/U+FFFF escaped, cut short.</summary>
    public static string Printable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length > MaxEcho ? value[..MaxEcho] : value;
        var builder = new StringBuilder(shown.Length + 3);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                builder.Append(c).Append(shown[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return shown.Length < value.Length ? builder.Append("...").ToString() : builder.ToString();
    }
}
