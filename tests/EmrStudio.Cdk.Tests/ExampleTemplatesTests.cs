using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>The raw-CloudFormation examples declare what they say, with the handler's own value rules.</summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ExampleTemplatesTests
{
    private static CloudFormationTemplate UserAndGroup => RepositoryTemplates.Example("user-and-group.yaml");

    [Fact]
    public void UserAndGroup_Mappings_AreAUserByIdAndAGroupByName()
    {
        var user = UserAndGroup.Properties("OnCallUser");
        var group = UserAndGroup.Properties("DataScientists");

        Assert.Equal("USER", Text(user["IdentityType"]));
        Assert.Equal("UserId", Text(user["IdentityId"]!["Ref"]));
        Assert.False(user.ContainsKey("IdentityName"));
        Assert.Equal("GROUP", Text(group["IdentityType"]));
        Assert.Equal("GroupName", Text(group["IdentityName"]!["Ref"]));
        Assert.False(group.ContainsKey("IdentityId"));
    }

    [Theory]
    [InlineData("OnCallUser")]
    [InlineData("DataScientists")]
    public void UserAndGroup_Mapping_ImportsTemplateYamlsDefaultExportWithTheShippedServiceTimeout(string logicalId)
    {
        var mapping = UserAndGroup.Properties(logicalId);

        Assert.Equal("ServiceTokenExportName", Text(mapping["ServiceToken"]!["Fn::ImportValue"]!["Ref"]));
        Assert.Equal(RepositoryTemplates.DefaultServiceTokenExport, Text(Parameter("ServiceTokenExportName")["Default"]));
        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, mapping["ServiceTimeout"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789ab", true)]
    [InlineData("9067c3a2b1-f4a8e2d0-5011-7052-b2c1-0a1b2c3d4e5f", true)]
    [InlineData("0123ABCD-4567-89AB-CDEF-0123456789AB", true)]
    [InlineData("9067C3A2B1-f4a8e2d0-5011-7052-b2c1-0a1b2c3d4e5f", false)]
    [InlineData("not-a-guid", false)]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789a", false)]
    public void UserIdParameter_AllowedPattern_AcceptsWhatTheHandlerAccepts(string id, bool valid)
    {
        var pattern = new Regex(Text(Parameter("UserId")["AllowedPattern"])!, RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(valid, PropertyRules.IdentityIdPattern().IsMatch(id));
        Assert.Equal(valid, pattern.IsMatch(id));
    }

    [Theory]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO", true)]
    [InlineData("es-abc", false)]
    public void StudioIdParameter_AllowedPattern_AcceptsWhatTheHandlerAccepts(string studioId, bool valid)
    {
        var pattern = new Regex(Text(Parameter("StudioId")["AllowedPattern"])!, RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(valid, PropertyRules.StudioIdPattern().IsMatch(studioId));
        Assert.Equal(valid, pattern.IsMatch(studioId));
    }

    private static JsonNode Parameter(string name) => UserAndGroup.Section("Parameters")[name]!;

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
