using System.Text.RegularExpressions;
using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>
/// Which stacks may make the handler act: a StackId that is a CloudFormation stack ARN,
/// <c>arn:&lt;partition&gt;:cloudformation:&lt;region&gt;:&lt;account&gt;:stack/&lt;name&gt;/&lt;id&gt;</c>, in the invoked
/// function's own partition and region (CloudFormation invokes only functions of its own region) and in a trusted
/// account: the function's own, or one that <c>EMRSTUDIO_TRUSTED_STACK_ACCOUNTS</c> lists (stacks of other accounts
/// that share this handler's ServiceToken).
/// </summary>
internal sealed partial class StackIdPolicy
{
    public const string TrustedAccountsVariable = "EMRSTUDIO_TRUSTED_STACK_ACCOUNTS";

    private const string Shape = "arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>";

    private readonly HashSet<string> _trustedAccounts;

    public StackIdPolicy(IEnumerable<string> trustedAccounts) => _trustedAccounts = new HashSet<string>(trustedAccounts, StringComparer.Ordinal);

    /// <summary>The policy <c>EMRSTUDIO_TRUSTED_STACK_ACCOUNTS</c> describes (comma-separated 12-digit ids; empty entries ignored).</summary>
    /// <exception cref="InvalidOperationException">An entry is not a 12-digit account id.</exception>
    public static StackIdPolicy FromVariable(string? value)
    {
        var accounts = (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var account in accounts)
        {
            if (!Arn.IsAccountId(account))
            {
                throw new InvalidOperationException($"{TrustedAccountsVariable} lists '{account}', which is not a 12-digit AWS account id.");
            }
        }

        return new StackIdPolicy(accounts);
    }

    /// <summary>
    /// Null when the stack may make this function act; otherwise a Reason for the FAILED answer. The Reason names
    /// the check, and echoes neither the trusted accounts nor more of the StackId than CloudFormation shows itself.
    /// </summary>
    public string? Refusal(string stackId, Arn? function)
    {
        if (function is null)
        {
            return "StackId: cannot be checked, because the invocation does not say which function it invoked (Lambda-Runtime-Invoked-Function-Arn)";
        }

        var stack = Arn.TryParse(stackId);
        if (stack is null || stack.Service != "cloudformation" || !Arn.IsAccountId(stack.Account) || !StackResource().IsMatch(stack.Resource))
        {
            return $"StackId: must be a CloudFormation stack ARN, {Shape}";
        }

        if (!string.Equals(stack.Partition, function.Partition, StringComparison.Ordinal))
        {
            return $"StackId: the stack is in another partition than this handler's function ({function.Partition})";
        }

        if (!string.Equals(stack.Region, function.Region, StringComparison.Ordinal))
        {
            return $"StackId: the stack is in another region than this handler's function ({function.Region}); CloudFormation only invokes functions of its own region";
        }

        if (!string.Equals(stack.Account, function.Account, StringComparison.Ordinal) && !_trustedAccounts.Contains(stack.Account))
        {
            return $"StackId: the stack's account is not trusted by this handler: it serves its own account and those in {TrustedAccountsVariable}";
        }

        return null;
    }

    // Stack names: a letter, then letters, digits and hyphens, 128 at most; the id is the UUID CloudFormation assigns.
    [GeneratedRegex(@"\Astack/[A-Za-z][A-Za-z0-9-]{0,127}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StackResource();
}
