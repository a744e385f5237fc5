using System.Collections.Concurrent;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>
/// Asks about a stack in the function's own account with the function's credentials, and about a stack of another
/// (trusted) account through a role in that account, named by <c>EMRSTUDIO_STACK_STATUS_ROLE_NAME</c>: the role's ARN
/// is built from the stack's own account, so no event can point the handler at another account's role.
/// </summary>
internal sealed class StackStatusRouter : IStackStatusReader, IDisposable
{
    public const string RoleNameVariable = "EMRSTUDIO_STACK_STATUS_ROLE_NAME";

    private readonly IStackStatusReader _ownAccount;
    private readonly Func<string?> _functionAccount;
    private readonly string? _roleName;
    private readonly Func<string, (IStackStatusReader Reader, IDisposable Owner)>? _readerForRole;
    private readonly ConcurrentDictionary<string, Lazy<(IStackStatusReader Reader, IDisposable Owner)>> _otherAccounts = new(StringComparer.Ordinal);

    /// <param name="ownAccount">Reads stacks of the function's own account.</param>
    /// <param name="functionAccount">The function's account, learnt from the invocation; null before the first.</param>
    /// <param name="roleName">The role to assume in a stack's own account; null when none is configured.</param>
    /// <param name="readerForRole">Makes a reader that signs as the role of the given ARN.</param>
    public StackStatusRouter(
        IStackStatusReader ownAccount, Func<string?> functionAccount, string? roleName, Func<string, (IStackStatusReader Reader, IDisposable Owner)>? readerForRole)
    {
        _ownAccount = ownAccount;
        _functionAccount = functionAccount;
        _roleName = string.IsNullOrWhiteSpace(roleName) ? null : roleName.Trim();
        _readerForRole = readerForRole;
    }

    /// <summary>The production router: STS and CloudFormation clients for each other account, made on first use.</summary>
    public static StackStatusRouter Create(
        IStackStatusReader ownAccount, Func<string?> functionAccount, string? roleName, ServiceEndpoint sts, ServiceEndpoint cloudFormation,
        CertificateTrust trust, AWSCredentials credentials, ILog log, TimeProvider time) =>
        new(ownAccount, functionAccount, roleName, roleArn =>
        {
            var tokens = SecurityTokenClient.Create(sts, trust, credentials, log);
            var assumed = new AssumedRoleCredentials(tokens, roleArn, time);
            var reader = StackStatusClient.Create(cloudFormation, trust, assumed, log);
            return (reader, new Owners(reader, assumed, tokens));
        });

    /// <summary>The role a stack of <paramref name="account"/> is read through, or null when none is configured.</summary>
    public string? RoleArnFor(string partition, string account) => _roleName is null ? null : $"arn:{partition}:iam::{account}:role/{_roleName}";

    public Task<string?> GetStackStatusAsync(string stackId, CancellationToken cancellationToken)
    {
        var stack = Arn.TryParse(stackId);
        if (stack is null || _functionAccount() is not { } functionAccount || string.Equals(stack.Account, functionAccount, StringComparison.Ordinal))
        {
            return _ownAccount.GetStackStatusAsync(stackId, cancellationToken);
        }

        if (RoleArnFor(stack.Partition, stack.Account) is not { } roleArn || _readerForRole is null)
        {
            throw new StackStatusUnavailableException(
                $"the stack is in account {stack.Account}, not the handler's, and no role to read it there is configured ({RoleNameVariable})");
        }

        var reader = _otherAccounts.GetOrAdd(stack.Account, _ => new Lazy<(IStackStatusReader, IDisposable)>(() => _readerForRole(roleArn))).Value.Reader;
        return reader.GetStackStatusAsync(stackId, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var reader in _otherAccounts.Values.Where(lazy => lazy.IsValueCreated))
        {
            reader.Value.Owner.Dispose();
        }
    }

    private sealed class Owners(params IDisposable[] owned) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }
        }
    }
}
