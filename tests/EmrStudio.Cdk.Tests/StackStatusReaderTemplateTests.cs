using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>examples/stack-status-reader-role.yaml makes the same role as <see cref="StackStatusReaderRole"/>.</summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class StackStatusReaderTemplateTests
{
    private static CloudFormationTemplate Template => RepositoryTemplates.Example("stack-status-reader-role.yaml");

    [Fact]
    public void Role_Trust_IsTheHandlersRoleAlone()
    {
        var statement = Assert.Single(PolicyDocuments.AsList(Role()["AssumeRolePolicyDocument"]!["Statement"]))!;

        Assert.Equal("sts:AssumeRole", Text(statement["Action"]));
        Assert.Equal("HandlerRoleArn", Text(statement["Principal"]!["AWS"]!["Ref"]));
    }

    [Fact]
    public void Role_Permissions_AreTheStackStatusActionsOnTheAccountsStacksOnly()
    {
        var statement = Assert.Single(PolicyDocuments.InlineStatements(Role()));

        Assert.Equal(HandlerDefaults.StackStatusActions, PolicyDocuments.AsList(statement["Action"]).Select(Text));
        Assert.Equal(HandlerPolicy.AllStacksArn, Text(statement["Resource"]!["Fn::Sub"]));
        Assert.False(Role().ContainsKey("ManagedPolicyArns"));
    }

    [Fact]
    public void RoleName_Default_IsTheConstructsDefault()
    {
        Assert.Equal(HandlerDefaults.StackStatusReaderRoleName, Text(Parameter("RoleName")["Default"]));
        Assert.Equal("RoleName", Text(Role()["RoleName"]!["Ref"]));
    }

    [Theory]
    [InlineData("EmrStudioStackStatusReader", true)]
    [InlineData("reader+=,.@_-1", true)]
    [InlineData("path/Reader", false)]
    [InlineData("", false)]
    public void RoleNameParameter_Pattern_AcceptsWhatTheConstructAccepts(string name, bool accepted)
    {
        var pattern = new Regex(Text(Parameter("RoleName")["AllowedPattern"])!, RegexOptions.None, TimeSpan.FromSeconds(1));
        var constructAccepts = Record.Exception(() => HandlerOptionsValidation.StackStatusRoleName("Test", name)) is null;

        Assert.Equal(accepted, pattern.IsMatch(name));
        Assert.Equal(accepted, constructAccepts);
    }

    private static JsonObject Role() => Template.Properties(Template.SingleLogicalIdOfType("AWS::IAM::Role"));

    private static JsonObject Parameter(string name) => Template.Section("Parameters")[name]!.AsObject();

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
