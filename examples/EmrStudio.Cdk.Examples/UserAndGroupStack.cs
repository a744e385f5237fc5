using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>A group by its display name and a user by its Identity Store id, with a session policy defined here.</summary>
internal sealed class UserAndGroupStack : Stack
{
    public UserAndGroupStack(Construct scope, string id)
        : base(scope, id)
    {
        var sessionPolicy = new ManagedPolicy(this, "SessionPolicy", new ManagedPolicyProps
        {
            Description = "What the studio's users may do in their sessions.",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["elasticmapreduce:DescribeCluster", "elasticmapreduce:ListClusters", "elasticmapreduce:DescribeStudio"],
                    Resources = ["*"],
                }),
            ],
        });

        var dataScientists = new StudioSessionMapping(this, "DataScientists", new StudioSessionMappingProps
        {
            StudioId = ExampleStacks.StudioId,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = sessionPolicy,
        });

        // By id, the mapping survives a rename of the user in IAM Identity Center.
        var onCall = new StudioSessionMapping(this, "OnCall", new StudioSessionMappingProps
        {
            StudioId = ExampleStacks.StudioId,
            Identity = StudioIdentity.UserId("9067c3a2b1-f4a8e2d0-5011-7052-b2c1-0a1b2c3d4e5f"),
            SessionPolicy = sessionPolicy,
        });

        _ = new CfnOutput(this, "DataScientistsGroupId", new CfnOutputProps { Value = dataScientists.IdentityId });
        _ = new CfnOutput(this, "OnCallUserName", new CfnOutputProps { Value = onCall.IdentityName });
    }
}
