using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Runtime;


namespace EmrStudio.SessionMappingHandler.Hosting;

/// <summary>
/// The function's own account, as the Runtime API names it with each invocation (Lambda sets no variable for it):
/// what tells a stack of this account from one of another.
/// </summary>
internal sealed class InvokedFunction
{
    private volatile string? _account;

    public string? Account => _account;

    public void Observe(InvocationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Arn.TryParse(context.InvokedFunctionArn) is { Service: "lambda" } function && Arn.IsAccountId(function.Account))
        {
            _account = function.Account;
        }
    }
}
