using Amazon.CDK;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// A mapping made in the console before, taken over by the stack instead of failing on "already exists". The stack
/// then owns it; RETAIN keeps it in the studio if the mapping ever leaves the stack.
/// </summary>
internal sealed class AdoptedMappingStack : Stack
{
    public AdoptedMappingStack(Construct scope, string id)
        : base(scope, id)
    {
        _ = new StudioSessionMapping(this, "Analysts", new StudioSessionMappingProps
        {
            StudioId = ExampleStacks.StudioId,
            Identity = StudioIdentity.Group("analysts"),
            SessionPolicy = "arn:aws:iam::123456789012:policy/EmrStudioAnalyst",
            AdoptExisting = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }
}
