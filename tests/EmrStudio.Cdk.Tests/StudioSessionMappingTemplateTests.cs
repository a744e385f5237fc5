using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EMR;
using Amazon.CDK.AWS.IAM;
using EmrStudio.Cdk.Internal;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

public sealed class StudioSessionMappingTemplateTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(100)]
    public void Constructor_ManyMappings_ShareOneHandler(int count)
    {
        var stack = TestStacks.NewStack();
        for (var i = 0; i < count; i++)
        {
            TestStacks.Map(stack, $"Mapping{i}", i % 2 == 0 ? TestStacks.StudioA : TestStacks.StudioB, StudioIdentity.User($"user{i}"));
        }

        var template = Template.FromStack(stack);
        template.ResourceCountIs(HandlerDefaults.ResourceType, count);
        template.ResourceCountIs("AWS::Lambda::Function", 1);
        template.ResourceCountIs("AWS::IAM::Role", 1);
        template.ResourceCountIs("AWS::Logs::LogGroup", 1);
        template.ResourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
        template.ResourceCountIs("AWS::IAM::Policy", 0);
    }

    [Fact]
    public void Constructor_TwoStacks_EachGetsItsOwnHandler()
    {
        var app = new App();
        var first = TestStacks.NewStack(app, "First");
        var second = TestStacks.NewStack(app, "Second");
        TestStacks.Map(first, "A");
        TestStacks.Map(second, "B");

        Template.FromStack(first).ResourceCountIs("AWS::Lambda::Function", 1);
        Template.FromStack(second).ResourceCountIs("AWS::Lambda::Function", 1);
    }

    [Fact]
    public void Constructor_SeveralStudios_GrantsEveryStudioOfTheAccountNotJustTheseStudios()
    {
        var stack = TestStacks.NewStack();
        var studio = new CfnStudio(stack, "Studio", new CfnStudioProps
        {
            AuthMode = "SSO",
            DefaultS3Location = "s3://bucket/studio",
            EngineSecurityGroupId = "sg-1",
            Name = "studio",
            ServiceRole = "arn:aws:iam::123456789012:role/studio",
            SubnetIds = ["subnet-1"],
            VpcId = "vpc-1",
            WorkspaceSecurityGroupId = "sg-2",
            UserRole = "arn:aws:iam::123456789012:role/user",
        });
        TestStacks.Map(stack, "A1", TestStacks.StudioA);
        TestStacks.Map(stack, "A2", TestStacks.StudioA, StudioIdentity.User("someone"));
        TestStacks.Map(stack, "B", TestStacks.StudioB);
        _ = new StudioSessionMapping(stack, "Token", new StudioSessionMappingProps
        {
            StudioId = studio,
            Identity = StudioIdentity.Group("analysts"),
            SessionPolicy = TestStacks.PolicyArn,
        });

        var template = TestStacks.Json(stack);
        var role = TestStacks.Single(template, "AWS::IAM::Role");
        var logGroupId = TestStacks.LogicalId(template, "AWS::Logs::LogGroup");
        var tableId = TestStacks.LogicalId(template, "AWS::DynamoDB::Table");

        Assert.Null(role["Properties"]!["ManagedPolicyArns"]);
        Assert.True(JToken.DeepEquals(
            JToken.Parse("""{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}"""),
            role["Properties"]!["AssumeRolePolicyDocument"]));

        var statements = (JArray)role["Properties"]!["Policies"]!.Single()["PolicyDocument"]!["Statement"]!;
        var expected = new JArray(
            Allow("StudioSessionMappings", HandlerDefaults.StudioActions, new JObject { ["Fn::Sub"] = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:studio/*" }),
            Allow("IdentityCenter", HandlerDefaults.IdentityCenterActions, "*"),
            Allow("StackStatus", HandlerDefaults.StackStatusActions, new JObject { ["Fn::Sub"] = "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*" }),
            Allow("Logs", HandlerDefaults.LogActions, new JObject { ["Fn::GetAtt"] = new JArray(logGroupId, "Arn") }),
            Allow("StudioListing", HandlerDefaults.StudioListActions, "*"),
            Allow("Record", HandlerDefaults.RecordActions, new JObject { ["Fn::GetAtt"] = new JArray(tableId, "Arn") }));
        Assert.Equal(expected.ToString(), statements.ToString());
    }

    [Fact]
    public void Constructor_Always_AttachesNoManagedOrSeparatePolicies()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var template = Template.FromStack(stack);
        template.ResourceCountIs("AWS::IAM::ManagedPolicy", 0);
        template.ResourceCountIs("AWS::IAM::Policy", 0);
        template.HasResourceProperties("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object> { ["ManagedPolicyArns"] = Match.Absent() }));
    }

    [Fact]
    public void Constructor_ByName_SendsStringPropertiesAsCloudFormationExpects()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var template = TestStacks.Json(stack);
        var functionId = TestStacks.LogicalId(template, "AWS::Lambda::Function");
        var expected = new JObject
        {
            ["ServiceToken"] = new JObject { ["Fn::GetAtt"] = new JArray(functionId, "Arn") },
            ["StudioId"] = TestStacks.StudioA,
            ["IdentityType"] = "GROUP",
            ["SessionPolicyArn"] = TestStacks.PolicyArn,
            ["ServiceTimeout"] = HandlerDefaults.ServiceTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IdentityName"] = "data-scientists",
        };
        Assert.True(JToken.DeepEquals(expected, TestStacks.Single(template, HandlerDefaults.ResourceType)["Properties"]), TestStacks.Single(template, HandlerDefaults.ResourceType).ToString());
    }

    [Theory]
    [InlineData("user", "USER")]
    [InlineData("group", "GROUP")]
    public void Constructor_ById_SendsIdentityIdOnly(string kind, string identityType)
    {
        var identity = kind == "user" ? StudioIdentity.UserId("0123abcd-4567-89ab-cdef-0123456789ab") : StudioIdentity.GroupId("1234567890-0123abcd-4567-89ab-cdef-0123456789ab");
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", identity: identity);

        var properties = TestStacks.Single(TestStacks.Json(stack), HandlerDefaults.ResourceType)["Properties"]!;
        Assert.Equal(identityType, (string?)properties["IdentityType"]);
        Assert.Equal(identity.Id, (string?)properties["IdentityId"]);
        Assert.Null(properties["IdentityName"]);
    }

    [Fact]
    public void Constructor_ManagedPolicyAndCfnStudio_ReferenceThem()
    {
        var stack = TestStacks.NewStack();
        var policy = new ManagedPolicy(stack, "SessionPolicy", new ManagedPolicyProps
        {
            Statements = [new PolicyStatement(new PolicyStatementProps { Actions = ["elasticmapreduce:ListClusters"], Resources = ["*"] })],
        });
        var imported = ManagedPolicy.FromManagedPolicyArn(stack, "Imported", TestStacks.PolicyArn);
        _ = new StudioSessionMapping(stack, "A", new StudioSessionMappingProps
        {
            StudioId = TestStacks.StudioA,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = policy,
        });
        _ = new StudioSessionMapping(stack, "B", new StudioSessionMappingProps
        {
            StudioId = StudioReference.FromId(TestStacks.StudioB),
            Identity = StudioIdentity.User("someone"),
            SessionPolicy = SessionPolicyReference.FromManagedPolicy(imported),
        });

        var template = TestStacks.Json(stack);
        var policyId = TestStacks.LogicalId(template, "AWS::IAM::ManagedPolicy");
        var arns = TestStacks.Resources(template, HandlerDefaults.ResourceType).Select(r => r.Value!["Properties"]!["SessionPolicyArn"]!.ToString(Newtonsoft.Json.Formatting.None)).ToList();
        Assert.Contains($$"""{"Ref":"{{policyId}}"}""", arns);
        Assert.Contains($"\"{TestStacks.PolicyArn}\"", arns);
    }

    [Fact]
    public void Attributes_Always_ResolveToGetAttAndRef()
    {
        var stack = TestStacks.NewStack();
        var mapping = TestStacks.Map(stack, "A");
        var logicalId = stack.GetLogicalId((CfnElement)mapping.CustomResource.Node.DefaultChild!);

        string Resolve(string value) => JToken.FromObject(stack.Resolve(value)).ToString(Newtonsoft.Json.Formatting.None);

        Assert.Equal($$"""{"Ref":"{{logicalId}}"}""", Resolve(mapping.MappingId));
        foreach (var (name, value) in new[]
        {
            ("IdentityId", mapping.IdentityId), ("IdentityName", mapping.IdentityName), ("CreationTime", mapping.CreationTime),
            ("StudioId", mapping.StudioId), ("IdentityType", mapping.IdentityType), ("SessionPolicyArn", mapping.SessionPolicyArn),
        })
        {
            Assert.Equal($$"""{"Fn::GetAtt":["{{logicalId}}","{{name}}"]}""", Resolve(value));
        }

        var functionId = stack.GetLogicalId((CfnElement)mapping.HandlerFunction.Node.DefaultChild!);
        Assert.Equal($$"""{"Fn::GetAtt":["{{functionId}}","Arn"]}""", Resolve(mapping.ServiceToken));
    }

    [Theory]
    [InlineData(null, "Delete")]
    [InlineData(RemovalPolicy.DESTROY, "Delete")]
    [InlineData(RemovalPolicy.RETAIN, "Retain")]
    public void Constructor_RemovalPolicy_SetsDeletionAndUpdateReplacePolicies(RemovalPolicy? removalPolicy, string expected)
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", removalPolicy: removalPolicy);

        var resource = TestStacks.Single(TestStacks.Json(stack), HandlerDefaults.ResourceType);
        Assert.Equal(expected, (string?)resource["DeletionPolicy"]);
        Assert.Equal(expected, (string?)resource["UpdateReplacePolicy"]);
    }

    [Fact]
    public void Constructor_Always_ConfiguresTheHandlerFromHandlerDefaults()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var template = TestStacks.Json(stack);
        var logGroupId = TestStacks.LogicalId(template, "AWS::Logs::LogGroup");
        var functionId = TestStacks.LogicalId(template, "AWS::Lambda::Function");
        var function = TestStacks.Single(template, "AWS::Lambda::Function")["Properties"]!;
        Assert.Equal(HandlerDefaults.Runtime, (string?)function["Runtime"]);
        Assert.Equal(HandlerDefaults.Handler, (string?)function["Handler"]);
        Assert.Equal(HandlerDefaults.MemorySizeMb, (int?)function["MemorySize"]);
        Assert.Equal(HandlerDefaults.TimeoutSeconds, (int?)function["Timeout"]);
        Assert.Equal(HandlerDefaults.Architecture, (string?)function["Architectures"]!.Single());
        Assert.Equal(
            $$"""{"ApplicationLogLevel":"INFO","LogFormat":"JSON","LogGroup":{"Ref":"{{logGroupId}}"},"SystemLogLevel":"WARN"}""",
            TestStacks.Compact(new JObject(((JObject)function["LoggingConfig"]!).Properties().OrderBy(p => p.Name, StringComparer.Ordinal))));
        Assert.Null(function["VpcConfig"]);
        Assert.Equal(
            $$$"""{"Variables":{"{{{HandlerDefaults.RecordTableVariable}}}":{"Ref":"{{{TestStacks.LogicalId(template, "AWS::DynamoDB::Table")}}}"},"{{{HandlerDefaults.ReconcileModeVariable}}}":"{{{HandlerDefaults.ReconcileMode}}}"}}""",
            TestStacks.Compact(function["Environment"]!));
        Assert.Null(TestStacks.Single(template, "AWS::Lambda::Function")["DependsOn"]);
        Assert.True(HandlerDefaults.TimeoutSeconds >= 60, "the function needs time for the EMR calls and the answer to CloudFormation");
        Assert.True(HandlerDefaults.ServiceTimeoutSeconds > HandlerDefaults.TimeoutSeconds, "CloudFormation must outwait the function");

        Assert.Equal(HandlerDefaults.LogRetentionDays, (int?)TestStacks.Single(template, "AWS::Logs::LogGroup")["Properties"]!["RetentionInDays"]);

        var invokeConfig = TestStacks.Single(template, "AWS::Lambda::EventInvokeConfig")["Properties"]!;
        Assert.Equal(HandlerDefaults.MaximumRetryAttempts, (int?)invokeConfig["MaximumRetryAttempts"]);
        Assert.Equal(0, (int?)invokeConfig["MaximumRetryAttempts"]);
        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, (int?)invokeConfig["MaximumEventAgeInSeconds"]);
        Assert.Equal(functionId, (string?)invokeConfig["FunctionName"]!["Ref"]);
        Assert.Equal("300", (string?)TestStacks.Single(template, HandlerDefaults.ResourceType)["Properties"]!["ServiceTimeout"]);
    }

    private static JObject Allow(string sid, IReadOnlyList<string> actions, JToken resource) =>
        new()
        {
            ["Action"] = actions.Count == 1 ? actions[0] : new JArray(actions),
            ["Effect"] = "Allow",
            ["Resource"] = resource,
            ["Sid"] = sid,
        };
}
