using Amazon.CDK;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// In an account whose stacks the handler of another account (111122223333) serves: the read-only role through which
/// that handler asks about this account's stacks. The handler names it in its StackStatusRoleName option.
/// </summary>
internal sealed class StackStatusReaderStack : Stack
{
    public const string HandlerRoleArn = "arn:aws:iam::111122223333:role/emrstudio-session-mapping-handler-HandlerRole-ABC123";

    public StackStatusReaderStack(Construct scope, string id)
        : base(scope, id)
    {
        var reader = new StackStatusReaderRole(this, "StackStatusReader", new StackStatusReaderRoleProps { HandlerRoleArn = HandlerRoleArn });

        _ = new CfnOutput(this, "StackStatusRoleName", new CfnOutputProps { Value = reader.RoleName });
    }
}
