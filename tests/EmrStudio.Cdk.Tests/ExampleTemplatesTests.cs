using System.Text.Json;
using System.Text.RegularExpressions;
using EmrStudio.Cdk.Internal;
using EmrStudio.SessionMappingHandler.Mapping;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>The raw-CloudFormation examples declare what they say, with the handler's own value rules.</summary>
public sealed class ExampleTemplatesTests
{
    private static readonly TemplateYaml UserAndGroup = TemplateYaml.Load(TemplateYaml.FindRepositoryFile("examples/user-and-group.yaml"));

    [Fact]
    public void UserAndGroup_Mappings_AreAUserByIdAndAGroupByName()
    {
        var user = UserAndGroup.Properties("OnCallUser");
        var group = UserAndGroup.Properties("DataScientists");

        Assert.Equal("USER", user.GetProperty("IdentityType").GetString());
        Assert.Equal("UserId", user.GetProperty("IdentityId").GetProperty("Ref").GetString());
        Assert.False(user.TryGetProperty("IdentityName", out _));
        Assert.Equal("GROUP", group.GetProperty("IdentityType").GetString());
        Assert.Equal("GroupName", group.GetProperty("IdentityName").GetProperty("Ref").GetString());
        Assert.False(group.TryGetProperty("IdentityId", out _));
    }

    [Theory]
    [InlineData("OnCallUser")]
    [InlineData("DataScientists")]
    public void UserAndGroup_Mapping_ImportsTemplateYamlsDefaultExportWithTheShippedServiceTimeout(string logicalId)
    {
        var mapping = UserAndGroup.Properties(logicalId);
        var templateYamlExport = TemplateYaml.RepositoryTemplate.Root.GetProperty("Parameters").GetProperty("ServiceTokenExportName").GetProperty("Default").GetString();

        Assert.Equal("ServiceTokenExportName", mapping.GetProperty("ServiceToken").GetProperty("Fn::ImportValue").GetProperty("Ref").GetString());
        Assert.Equal(templateYamlExport, Parameter("ServiceTokenExportName").GetProperty("Default").GetString());
        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, mapping.GetProperty("ServiceTimeout").GetInt32());
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
        var pattern = new Regex(Parameter("UserId").GetProperty("AllowedPattern").GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(valid, PropertyRules.IdentityIdPattern().IsMatch(id));
        Assert.Equal(valid, pattern.IsMatch(id));
    }

    [Theory]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO", true)]
    [InlineData("es-abc", false)]
    public void StudioIdParameter_AllowedPattern_AcceptsWhatTheHandlerAccepts(string studioId, bool valid)
    {
        var pattern = new Regex(Parameter("StudioId").GetProperty("AllowedPattern").GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(valid, PropertyRules.StudioIdPattern().IsMatch(studioId));
        Assert.Equal(valid, pattern.IsMatch(studioId));
    }

    private static JsonElement Parameter(string name) => UserAndGroup.Root.GetProperty("Parameters").GetProperty(name);
}
