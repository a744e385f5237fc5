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

    public static string ListedStudioId(string path, string? value)
    {
        if (value is null)
        {
            throw Validation.Error(path, "HandlerOptions.Studios", "must not contain null.");
        }

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

    [GeneratedRegex(@"\A(/|/[!-\x7F]+/)\z", RegexOptions.CultureInvariant)]
    private static partial Regex RolePathPattern();

    [GeneratedRegex(@"\A[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
