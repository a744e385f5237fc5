using System.Text.RegularExpressions;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>examples/stack-status-reader-role.yaml makes the same role as <see cref="StackStatusReaderRole"/>.</summary>
public sealed class StackStatusReaderTemplateTests
{
    private static readonly TemplateYaml Template = TemplateYaml.Load(TemplateYaml.FindRepositoryFile("examples/stack-status-reader-role.yaml"));

    [Fact]
    public void Role_Trust_IsTheHandlersRoleAlone()
    {
        var statement = Assert.Single(TemplateYaml.AsArray(Role().GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")));

        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        Assert.Equal("HandlerRoleArn", statement.GetProperty("Principal").GetProperty("AWS").GetProperty("Ref").GetString());
    }

    [Fact]
    public void Role_Permissions_AreTheStackStatusActionsOnTheAccountsStacksOnly()
    {
        var statement = Assert.Single(Template.RoleStatements(Template.SingleResourceOfType("AWS::IAM::Role")));

        Assert.Equal(HandlerDefaults.StackStatusActions, TemplateYaml.AsArray(statement.GetProperty("Action")).Select(a => a.GetString()!));
        Assert.Equal(HandlerPolicy.AllStacksArn, statement.GetProperty("Resource").GetProperty("Fn::Sub").GetString());
        Assert.False(Role().TryGetProperty("ManagedPolicyArns", out _));
    }

    [Fact]
    public void RoleName_Default_IsTheConstructsDefault()
    {
        Assert.Equal(HandlerDefaults.StackStatusReaderRoleName, Parameter("RoleName").GetProperty("Default").GetString());
        Assert.Equal("RoleName", Role().GetProperty("RoleName").GetProperty("Ref").GetString());
    }

    [Theory]
    [InlineData("EmrStudioStackStatusReader", true)]
    [InlineData("reader+=,.@_-1", true)]
    [InlineData("path/Reader", false)]
    [InlineData("", false)]
    public void RoleNameParameter_Pattern_AcceptsWhatTheConstructAccepts(string name, bool accepted)
    {
        var pattern = new Regex(Parameter("RoleName").GetProperty("AllowedPattern").GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
        var constructAccepts = Record.Exception(() => HandlerOptionsValidation.StackStatusRoleName("Test", name)) is null;

        Assert.Equal(accepted, pattern.IsMatch(name));
        Assert.Equal(accepted, constructAccepts);
    }

    private static System.Text.Json.JsonElement Role() => Template.Properties(Template.SingleResourceOfType("AWS::IAM::Role"));

    private static System.Text.Json.JsonElement Parameter(string name) => Template.Root.GetProperty("Parameters").GetProperty(name);
}
