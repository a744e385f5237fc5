using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// The handler in private subnets. They must reach EMR, CloudFormation, S3 (where CloudFormation reads the answer)
/// and CloudWatch Logs, through a NAT gateway or VPC endpoints; the security group must allow outbound HTTPS.
/// </summary>
internal sealed class HandlerInVpcStack : Stack
{
    public HandlerInVpcStack(Construct scope, string id)
        : base(scope, id)
    {
        _ = new StudioSessionMapping(this, "DataScientists", new StudioSessionMappingProps
        {
            StudioId = ExampleStacks.StudioId,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist",
            HandlerOptions = new StudioSessionMappingHandlerOptions
            {
                VpcSubnets =
                [
                    Subnet.FromSubnetId(this, "PrivateA", "subnet-0123456789abcdef0"),
                    Subnet.FromSubnetId(this, "PrivateB", "subnet-0fedcba9876543210"),
                ],
                SecurityGroups = [SecurityGroup.FromSecurityGroupId(this, "Handler", "sg-0123456789abcdef0")],
            },
        });
    }
}
