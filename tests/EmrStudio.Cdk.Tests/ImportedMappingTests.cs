using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using EmrStudio.SessionMappingHandler.Mapping;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary><see cref="StudioSessionMapping.FromMappingId"/> reads a mapping id as the handler writes it, and what a mapping exposes.</summary>
public sealed class ImportedMappingTests
{
    private const string GroupId = "9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666";

    [Fact]
    public void FromMappingId_LiteralId_ExposesItsPartsAndAddsNoResource()
    {
        var stack = TestStacks.NewStack();
        var id = $"emrstudio:{TestStacks.StudioA}/GROUP/{GroupId}";

        var mapping = StudioSessionMapping.FromMappingId(stack, "Imported", id);
        Output(stack, mapping);

        var template = Template.FromStack(stack);
        template.ResourceCountIs(HandlerDefaults.ResourceType, 0);
        template.ResourceCountIs("AWS::Lambda::Function", 0);
        template.HasOutput("MappingId", new Dictionary<string, object> { ["Value"] = id });
        template.HasOutput("StudioId", new Dictionary<string, object> { ["Value"] = TestStacks.StudioA });
        template.HasOutput("IdentityType", new Dictionary<string, object> { ["Value"] = "GROUP" });
        template.HasOutput("IdentityId", new Dictionary<string, object> { ["Value"] = GroupId });
    }

    [Theory]
    [InlineData("a/b%c d:é\u200B")]
    [InlineData("domain:user@example.com")]
    [InlineData("データ")]
    public void FromMappingId_IdTheHandlerWrote_ReadsTheIdentityBack(string identityId)
    {
        var stack = TestStacks.NewStack();
        var written = MappingId.TryCreate(TestStacks.StudioB, "USER", identityId)!.Value;

        var mapping = StudioSessionMapping.FromMappingId(stack, "Imported", written);

        Assert.Equal(identityId, mapping.IdentityId);
        Assert.Equal(TestStacks.StudioB, mapping.StudioId);
        Assert.Equal("USER", mapping.IdentityType);
        Assert.Equal(written, mapping.MappingId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO")]
    [InlineData("emrstudio:es-abc/GROUP/x")]
    [InlineData("emrstudio:es-ABC/ROLE/x")]
    [InlineData("emrstudio:es-ABC/GROUP/")]
    [InlineData("emrstudio:es-ABC/GROUP/a/b")]
    [InlineData("emrstudio:es-ABC/GROUP/a%2fb")]
    [InlineData("emrstudio:es-ABC/GROUP/tab%09")]
    [InlineData("emrstudio:es-ABC/GROUP/x\n")]
    [InlineData("emrstudio-create-failed:DataScientists:5a8f0b5e")]
    public void FromMappingId_NotAMappingId_FailsNamingPathAndRule(string id)
    {
        var stack = TestStacks.NewStack();

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => StudioSessionMapping.FromMappingId(stack, "Imported", id));

        Assert.Equal("MappingId", error.ParamName);
        Assert.Equal("Test/Imported", error.ConstructPath);
        Assert.StartsWith("Test/Imported: MappingId must be a session mapping id, emrstudio:<StudioId>/<USER or GROUP>/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void FromMappingId_Token_IsSplitByCloudFormation()
    {
        var stack = TestStacks.NewStack();
        var parameter = new CfnParameter(stack, "Mapping");

        Output(stack, StudioSessionMapping.FromMappingId(stack, "Imported", parameter.ValueAsString));

        var parts = new Dictionary<string, object> { ["Fn::Split"] = new object[] { "/", new Dictionary<string, object> { ["Ref"] = "Mapping" } } };
        var template = Template.FromStack(stack);
        template.HasOutput("MappingId", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Ref"] = "Mapping" } });
        template.HasOutput("IdentityType", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Fn::Select"] = new object[] { 1, parts } } });
        template.HasOutput("IdentityId", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Fn::Select"] = new object[] { 2, parts } } });
        template.HasOutput("StudioId", new Dictionary<string, object>
        {
            ["Value"] = new Dictionary<string, object>
            {
                ["Fn::Select"] = new object[]
                {
                    1,
                    new Dictionary<string, object> { ["Fn::Split"] = new object[] { ":", new Dictionary<string, object> { ["Fn::Select"] = new object[] { 0, parts } } } },
                },
            },
        });
    }

    [Fact]
    public void StudioSessionMapping_AsInterface_ExposesTheResourcesRefAndAttributes()
    {
        var stack = TestStacks.NewStack();

        IStudioSessionMapping mapping = TestStacks.Map(stack, "DataScientists");
        Output(stack, mapping);

        var template = TestStacks.Json(stack);
        var logicalId = TestStacks.LogicalId(template, HandlerDefaults.ResourceType);
        var outputs = Template.FromStack(stack);
        outputs.HasOutput("MappingId", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Ref"] = logicalId } });
        foreach (var attribute in (string[])["StudioId", "IdentityType", "IdentityId"])
        {
            outputs.HasOutput(attribute, new Dictionary<string, object>
            {
                ["Value"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new object[] { logicalId, attribute } },
            });
        }
    }

    private static void Output(Stack stack, IStudioSessionMapping mapping)
    {
        _ = new CfnOutput(stack, "MappingId", new CfnOutputProps { Value = mapping.MappingId });
        _ = new CfnOutput(stack, "StudioId", new CfnOutputProps { Value = mapping.StudioId });
        _ = new CfnOutput(stack, "IdentityType", new CfnOutputProps { Value = mapping.IdentityType });
        _ = new CfnOutput(stack, "IdentityId", new CfnOutputProps { Value = mapping.IdentityId });
    }
}
