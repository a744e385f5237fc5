using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>The role's actions are the union of what each operation needs, and nothing that only the console's set-up needs.</summary>
public sealed class HandlerDefaultsTests
{
    private static readonly string[] OperationNames = ["Create", "Get", "Update", "Delete"];

    public static TheoryData<string> Operations => [.. OperationNames];

    [Fact]
    public void StudioActions_Always_AreTheFourMappingOperations()
    {
        Assert.Equal(
            ["elasticmapreduce:CreateStudioSessionMapping", "elasticmapreduce:DeleteStudioSessionMapping", "elasticmapreduce:GetStudioSessionMapping", "elasticmapreduce:UpdateStudioSessionMapping"],
            HandlerDefaults.StudioActions);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void GrantedActions_EachOperation_AreAllGranted(string operation)
    {
        var granted = HandlerDefaults.StudioActions.Concat(HandlerDefaults.IdentityCenterActions).ToHashSet(StringComparer.Ordinal);

        Assert.All(ActionsOf(operation), action => Assert.Contains(action, granted));
    }

    [Fact]
    public void GrantedActions_Always_AreExactlyTheUnionOfTheOperations()
    {
        string[] union = [.. OperationNames.SelectMany(ActionsOf).Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal(union, HandlerDefaults.StudioActions.Concat(HandlerDefaults.IdentityCenterActions).Order(StringComparer.Ordinal));
        Assert.Equal(22, union.Length);
    }

    [Theory]
    [InlineData("sso:CreateInstance")]
    [InlineData("sso:DescribeRegisteredRegions")]
    [InlineData("sso:GetSharedSsoConfiguration")]
    [InlineData("iam:ListPolicies")]
    [InlineData("sso:CreateManagedApplicationInstance")]
    [InlineData("sso:DeleteManagedApplicationInstance")]
    [InlineData("elasticmapreduce:DescribeStudio")]
    [InlineData("dynamodb:UpdateItem")]
    [InlineData("dynamodb:Query")]
    public void GrantedActions_ConsoleSetUpOrUnusedAction_IsNotGranted(string action)
    {
        Assert.DoesNotContain(action, AllGranted());
    }

    [Fact]
    public void GrantedActions_Always_NameEveryActionWithoutWildcards()
    {
        Assert.All(AllGranted(), action => Assert.DoesNotContain("*", action, StringComparison.Ordinal));
    }

    [Fact]
    public void MaximumEventAgeSeconds_Always_IsTheServiceTimeoutWithinLambdasRange()
    {
        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, HandlerDefaults.MaximumEventAgeSeconds);
        Assert.InRange(HandlerDefaults.MaximumEventAgeSeconds, 60, 21600);
    }

    [Fact]
    public void StudioListActions_Always_AreTheTwoListCallsOfNameResolutionAndReconcile()
    {
        Assert.Equal(["elasticmapreduce:ListStudios", "elasticmapreduce:ListStudioSessionMappings"], HandlerDefaults.StudioListActions);
    }

    [Fact]
    public void RecordActions_Always_AreTheFourCallsOfTheRecordClient()
    {
        Assert.Equal(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"], HandlerDefaults.RecordActions);
    }

    private static IEnumerable<string> AllGranted() =>
        HandlerDefaults.StudioActions.Concat(HandlerDefaults.IdentityCenterActions).Concat(HandlerDefaults.StackStatusActions)
            .Concat(HandlerDefaults.StudioListActions).Concat(HandlerDefaults.RecordActions).Concat(HandlerDefaults.StackStatusRoleActions)
            .Concat(HandlerDefaults.LogActions).Concat(HandlerDefaults.VpcNetworkInterfaceActions);

    private static IReadOnlyList<string> ActionsOf(string operation) => operation switch
    {
        "Create" => HandlerDefaults.CreateActions,
        "Get" => HandlerDefaults.GetActions,
        "Update" => HandlerDefaults.UpdateActions,
        "Delete" => HandlerDefaults.DeleteActions,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
