using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Examples;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>The CDK snippets of examples/EmrStudio.Cdk.Examples synthesize, and show what they say they show.</summary>
public sealed class ExamplesTests(ExampleStackTemplates examples) : IClassFixture<ExampleStackTemplates>
{
    private static readonly string[] RolloutRegions = ["eu-west-1", "us-east-1"];

    private readonly IReadOnlyDictionary<string, Template> _templates = examples.Templates;

    [Fact]
    public void AddTo_EveryExampleThatDefinesMappings_HasOneSharedHandler()
    {
        Assert.Equal(
            ["AdoptedMapping", "ConfiguredHandler", "HandlerInVpc", "ImportedMapping", "OrganizationRollout", "StackStatusReader", "UserAndGroup"],
            _templates.Keys.Order(StringComparer.Ordinal));
        string[] withoutHandler = ["ImportedMapping", "OrganizationRollout", "StackStatusReader"];
        Assert.All(_templates.Where(t => !withoutHandler.Contains(t.Key)).Select(t => t.Value), t => t.ResourceCountIs("AWS::Lambda::Function", 1));
        Assert.All(withoutHandler, name => _templates[name].ResourceCountIs("AWS::Lambda::Function", 0));
    }

    [Fact]
    public void ImportedMapping_Imports_AddNoMappingAndExposeThePrincipals()
    {
        var template = _templates["ImportedMapping"];

        template.ResourceCountIs(HandlerDefaults.ResourceType, 0);
        template.HasOutput("OnCallUserId", new Dictionary<string, object> { ["Value"] = ImportedMappingStack.OnCallUserId });
        template.HasOutput("OnCallStudioId", new Dictionary<string, object> { ["Value"] = ExampleStacks.StudioId });
        template.HasResourceProperties("AWS::SSM::Parameter", new Dictionary<string, object>
        {
            ["Value"] = new Dictionary<string, object>
            {
                ["Fn::Select"] = new object[]
                {
                    2,
                    new Dictionary<string, object> { ["Fn::Split"] = new object[] { "/", new Dictionary<string, object> { ["Fn::ImportValue"] = "DataScientistsMappingId" } } },
                },
            },
        });
    }

    [Fact]
    public void ExamplesOutput_RunOnItsOwn_IsTheExamplesProjectsCdkOut()
    {
        var outdir = ExamplesOutput.Directory(cliOutdir: null);

        Assert.Equal("cdk.out", Path.GetFileName(outdir));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(outdir)!, "EmrStudio.Cdk.Examples.csproj")), outdir);
    }

    [Fact]
    public void ExamplesOutput_RunByTheCli_IsTheCliFolder()
    {
        Assert.Equal("/tmp/assembly-123", ExamplesOutput.Directory("/tmp/assembly-123"));
    }

    [Fact]
    public void UserAndGroup_Mappings_AreAGroupByNameAndAUserById()
    {
        var template = _templates["UserAndGroup"];

        template.HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["IdentityType"] = "GROUP", ["IdentityName"] = "data-scientists", ["IdentityId"] = Match.Absent() });
        template.HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["IdentityType"] = "USER", ["IdentityId"] = Match.AnyValue(), ["IdentityName"] = Match.Absent() });
    }

    [Fact]
    public void ConfiguredHandler_Options_ReachTheHandlerAndTheGrantsBothDeployers()
    {
        var template = _templates["ConfiguredHandler"];

        template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object> { ["Path"] = "/emr-studio/", ["PermissionsBoundary"] = Match.AnyValue() });
        template.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["LoggingConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["ApplicationLogLevel"] = "DEBUG" }),
            ["Environment"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Variables"] = new Dictionary<string, object> { [HandlerDefaults.TrustedStackAccountsVariable] = ConfiguredHandlerStack.OtherAccount },
            }),
        });
        template.HasResourceProperties("AWS::Lambda::Permission", new Dictionary<string, object> { ["Principal"] = ConfiguredHandlerStack.OtherAccount, ["Action"] = "lambda:InvokeFunction" });
        template.HasResourceProperties("AWS::IAM::Policy", new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["Action"] = "lambda:InvokeFunction" })]),
            }),
        });
        template.ResourceCountIs(HandlerDefaults.ResourceType, 2);
    }

    [Fact]
    public void HandlerInVpc_Function_RunsInTheTwoSubnets()
    {
        _templates["HandlerInVpc"].HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["VpcConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["SubnetIds"] = Match.ArrayWith(["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]) }),
        });
    }

    [Fact]
    public void AdoptedMapping_Mapping_AdoptsAndIsRetained()
    {
        _templates["AdoptedMapping"].HasResource(HandlerDefaults.ResourceType, new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["AdoptExisting"] = "true" }),
            ["DeletionPolicy"] = "Retain",
        });
    }
    [Fact]
    public void OrganizationRollout_StackSet_DeploysTheMappingsAndTheirHandlerToTheOrganizationalUnit()
    {
        var template = _templates["OrganizationRollout"];

        template.HasResourceProperties("AWS::CloudFormation::StackSet", new Dictionary<string, object>
        {
            ["PermissionModel"] = "SERVICE_MANAGED",
            ["StackInstancesGroup"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["DeploymentTargets"] = new Dictionary<string, object> { ["OrganizationalUnitIds"] = new[] { OrganizationRolloutStack.OrganizationalUnitId } },
                    ["Regions"] = RolloutRegions,
                },
            },
            ["TemplateBody"] = Match.AnyValue(),
        });
        var member = Template.FromString(new OrganizationRolloutStack(new App(), "Rollout").StackSet.MemberTemplate);
        member.ResourceCountIs(HandlerDefaults.ResourceType, 2);
        member.HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["StudioName"] = "analytics", ["IdentityName"] = "engineers" });
    }

    [Fact]
    public void StackStatusReader_Role_TrustsTheOtherAccountsHandlerRole()
    {
        _templates["StackStatusReader"].HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object>
        {
            ["RoleName"] = HandlerDefaults.StackStatusReaderRoleName,
            ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new[] { Match.ObjectLike(new Dictionary<string, object> { ["Principal"] = new Dictionary<string, object> { ["AWS"] = StackStatusReaderStack.HandlerRoleArn } }) },
            }),
        });
    }
}
