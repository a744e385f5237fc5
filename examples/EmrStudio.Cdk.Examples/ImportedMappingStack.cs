using Amazon.CDK;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// Mappings that other stacks own, used by their ids: one that another stack exports (split by CloudFormation at
/// deploy time) and one written out (read, and checked, at synth). Importing a mapping adds no resource: here its
/// principal's id goes to Parameter Store, for tooling that reads no stack outputs.
/// </summary>
internal sealed class ImportedMappingStack : Stack
{
    public const string OnCallUserId = "9067c3a2b1-f4a8e2d0-5011-7052-b2c1-0a1b2c3d4e5f";

    public const string OnCallMappingId = "emrstudio:" + ExampleStacks.StudioId + "/USER/" + OnCallUserId;

    public ImportedMappingStack(Construct scope, string id)
        : base(scope, id)
    {
        var dataScientists = StudioSessionMapping.FromMappingId(this, "DataScientists", Fn.ImportValue("DataScientistsMappingId"));
        var onCall = StudioSessionMapping.FromMappingId(this, "OnCall", OnCallMappingId);

        _ = new StringParameter(this, "DataScientistsGroupId", new StringParameterProps
        {
            ParameterName = "/emr-studio/data-scientists/group-id",
            StringValue = dataScientists.IdentityId,
        });
        _ = new CfnOutput(this, "OnCallStudioId", new CfnOutputProps { Value = onCall.StudioId });
        _ = new CfnOutput(this, "OnCallUserId", new CfnOutputProps { Value = onCall.IdentityId });
    }
}
