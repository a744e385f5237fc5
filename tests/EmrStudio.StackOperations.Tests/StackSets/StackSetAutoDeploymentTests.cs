using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.StackSets;
using Xunit;
using static EmrStudio.StackOperations.Tests.StackSets.NativeOrganization;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>Accounts that join and leave a targeted OU, with auto-deployment on or off, with native resources only.</summary>
public sealed class StackSetAutoDeploymentTests
{
    [Fact]
    public async Task MoveAccount_IntoATargetedOu_CreatesItsInstancesInTheRegionsTheOuIsTargetedIn()
    {
        await using var organization = await StartAsync(1, UsEast1, EuWest1, ApSoutheast2);
        var stackSet = organization.CreateStackSet(autoDeployment: new StackSetAutoDeployment(true, false));
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1]);
        var newcomer = await organization.Organization.AddAccountAsync("newcomer", organization.Onboarding);

        var operations = await organization.Organization.MoveAccountAsync(newcomer, organization.Analytics);

        var operation = Assert.Single(operations);
        Assert.True(operation.IsAutoDeployment);
        Assert.Equal((StackSetOperationActions.Create, StackSetOperationStatuses.Succeeded), (operation.Action, operation.Status));
        Assert.Equal([UsEast1, EuWest1], operation.Results.Select(result => result.Region));
        Assert.All(operation.Results, result => Assert.Equal(newcomer.Id, result.Account));
        Assert.All([UsEast1, EuWest1], region => Assert.Equal(StackInstanceStatuses.Current, stackSet.Instance(newcomer.Id, region)!.Status));
        Assert.Empty(newcomer.In(ApSoutheast2).Stacks);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MoveAccount_OutOfTheTargetedOu_DeletesOrRetainsItsStacksAsTheStackSetSays(bool retain)
    {
        await using var organization = await StartAsync(2, UsEast1, EuWest1);
        var stackSet = organization.CreateStackSet(autoDeployment: new StackSetAutoDeployment(true, retain));
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1]);
        var leaving = organization.Accounts[0];

        var operation = Assert.Single(await organization.Organization.MoveAccountAsync(leaving, organization.Onboarding));

        Assert.Equal((StackSetOperationActions.Delete, StackSetOperationStatuses.Succeeded, retain), (operation.Action, operation.Status, operation.RetainStacks));
        Assert.DoesNotContain(stackSet.Instances, instance => instance.Account == leaving.Id);
        Assert.Equal(2, stackSet.Instances.Count);
        Assert.All(leaving.Regions, region => Assert.Equal(retain ? 1 : 0, leaving.In(region).Stacks.Count(stack => stack.Status == StackStatuses.CreateComplete)));
    }

    [Fact]
    public async Task RemoveAccount_FromTheOrganization_IsALeaveLikeAnyOther()
    {
        await using var organization = await StartAsync(2, UsEast1);
        var stackSet = organization.CreateStackSet(autoDeployment: new StackSetAutoDeployment(true, false));
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);

        var operation = Assert.Single(await organization.Organization.RemoveAccountAsync(organization.Accounts[1]));

        Assert.Equal(StackSetOperationActions.Delete, operation.Action);
        Assert.Null(organization.Accounts[1].OrganizationalUnitId);
        Assert.Empty(organization.Accounts[1].In(UsEast1).Stacks);
    }

    [Fact]
    public async Task MoveAccount_AutoDeploymentDisabled_ChangesNoInstance()
    {
        await using var organization = await StartAsync(1, UsEast1);
        var stackSet = organization.CreateStackSet();
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);
        var newcomer = await organization.Organization.AddAccountAsync("newcomer", organization.Onboarding);

        var joined = await organization.Organization.MoveAccountAsync(newcomer, organization.Analytics);
        var left = await organization.Organization.MoveAccountAsync(organization.Accounts[0], organization.Onboarding);

        Assert.Empty(joined);
        Assert.Empty(left);
        Assert.Equal([organization.Accounts[0].Id], stackSet.Instances.Select(instance => instance.Account));
    }

    [Fact]
    public async Task AddAccount_IntoATargetedOu_DeploysBeforeItReturns()
    {
        await using var organization = await StartAsync(1, UsEast1);
        var stackSet = organization.CreateStackSet(autoDeployment: new StackSetAutoDeployment(true, false));
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);

        var added = await organization.Organization.AddAccountAsync("analytics-2", organization.Analytics);

        Assert.Equal(StackInstanceStatuses.Current, stackSet.Instance(added.Id, UsEast1)?.Status);
        Assert.True(stackSet.Operations[^1].IsAutoDeployment);
    }
}
