using System.Text.RegularExpressions;
using Amazon.CDK;
using EmrStudio.SessionMappingHandler.Mapping;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Synth-time checks of <see cref="StudioSessionMappingHandlerOptions"/> against the limits Lambda, IAM and CloudWatch
/// Logs would otherwise enforce at deploy time. Errors name the construct path and the option.
/// </summary>
internal static partial class HandlerOptionsValidation
{
    private const int MinMemorySize = 128;
    private const int MaxMemorySize = 10240;
    private const int MaxRolePathLength = 512;

    public static int MemorySize(string path, int value) =>
        value is >= MinMemorySize and <= MaxMemorySize
            ? value
            : throw Validation.Error(path, "HandlerOptions.MemorySize", $"must be {MinMemorySize} to {MaxMemorySize} MB (got {value}).");

    /// <summary>A log group has no snapshot: Delete or Retain only.</summary>
    public static RemovalPolicy LogRemovalPolicy(string path, RemovalPolicy value) =>
        value != RemovalPolicy.SNAPSHOT
            ? value
            : throw Validation.Error(path, "HandlerOptions.LogRemovalPolicy", "cannot be SNAPSHOT: a log group has no snapshot; use DESTROY or RETAIN.");

    /// <summary>IAM's rule: <c>/</c>, or printable ASCII between a leading and a trailing slash, at most 512 characters.</summary>
    public static string RolePath(string path, string value) =>
        Token.IsUnresolved(value) || (value.Length <= MaxRolePathLength && RolePathPattern().IsMatch(value))
            ? value
            : throw Validation.Error(path, "HandlerOptions.RolePath", $"must be '/' or start and end with '/', in printable ASCII, at most {MaxRolePathLength} characters; got '{Validation.Printable(value)}'.");

    public static string ListedStudioId(string path, StudioReference? studio)
    {
        if (studio is null)
        {
            throw Validation.Error(path, "HandlerOptions.Studios", "must not contain null.");
        }

        if (studio.StudioName is { } name)
        {
            throw Validation.Error(path, "HandlerOptions.Studios", $"must hold studio ids: the role's permissions name studios by id, and '{Validation.Printable(name)}' is a studio name.");
        }

        var value = studio.StudioId ?? throw Validation.Error(path, "HandlerOptions.Studios", "must not contain null.");

        if (!Token.IsUnresolved(value) && PropertyRules.StudioId.Violation(value, Validation.Printable) is { } violation)
        {
            throw Validation.Error(path, "HandlerOptions.Studios", $"must hold studio ids, and each {violation}.");
        }

        return value;
    }

    public static string AccountId(string path, string? value) =>
        value is not null && (Token.IsUnresolved(value) || AccountIdPattern().IsMatch(value))
            ? value
            : throw Validation.Error(path, "HandlerOptions.TrustedStackAccounts", $"must hold 12-digit account ids; got '{Validation.Printable(value ?? "null")}'.");

    /// <summary>A DynamoDB table has no CloudFormation snapshot: Delete or Retain only.</summary>
    public static RemovalPolicy RecordTableRemovalPolicy(string path, RemovalPolicy value) =>
        value != RemovalPolicy.SNAPSHOT
            ? value
            : throw Validation.Error(path, "HandlerOptions.RecordTableRemovalPolicy", "cannot be SNAPSHOT: CloudFormation takes no snapshot of a DynamoDB table; use RETAIN or DESTROY.");

    /// <summary>IAM's rule for a role name (no path): 1 to 64 of letters, digits and <c>+=,.@_-</c>.</summary>
    public static string StackStatusRoleName(string path, string value) =>
        Token.IsUnresolved(value) || RoleNamePattern().IsMatch(value)
            ? value
            : throw Validation.Error(path, "HandlerOptions.StackStatusRoleName", $"must be an IAM role name: 1 to 64 letters, digits and +=,.@_- (got '{Validation.Printable(value)}').");

    /// <summary>An EventBridge rate in whole minutes, as the schedule expression: <c>rate(1 hour)</c>, <c>rate(90 minutes)</c>.</summary>
    public static string ReconcileSchedule(string path, Duration interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var seconds = interval.ToSeconds(new TimeConversionOptions { Integral = false });
        if (seconds < 60 || seconds % 60 != 0)
        {
            throw Validation.Error(path, "HandlerOptions.ReconcileInterval", $"must be whole minutes, at least one (got {seconds} seconds).");
        }

        var minutes = (long)(seconds / 60);
        var (amount, unit) = minutes % 1440 == 0 ? (minutes / 1440, "day") : minutes % 60 == 0 ? (minutes / 60, "hour") : (minutes, "minute");
        return $"rate({amount} {unit}{(amount == 1 ? string.Empty : "s")})";
    }

    [GeneratedRegex(@"\A[A-Za-z0-9+=,.@_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"\A(/|/[!-\x7F]+/)\z", RegexOptions.CultureInvariant)]
    private static partial Regex RolePathPattern();

    [GeneratedRegex(@"\A[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
