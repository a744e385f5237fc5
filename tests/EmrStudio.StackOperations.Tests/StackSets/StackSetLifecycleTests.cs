using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.StackSets;
using Xunit;
using static EmrStudio.StackOperations.Tests.StackSets.NativeOrganization;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>What CreateStackSet, UpdateStackSet, DeleteStackInstances and DeleteStackSet do and refuse, with native resources only.</summary>
public sealed class StackSetLifecycleTests
{
    [Fact]
    public async Task CreateStackSet_TemplateWithTransform_IsAValidationError()
    {
        await using var organization = await StartAsync(0, UsEast1);
        var template = NativeMemberTemplate.Template.With(root => root["Transform"] = "AWS::Serverless-2016-10-31");

        var error = Assert.Throws<StackSetException>(() => organization.Organization.CreateStackSet("sam", template));

        Assert.Equal(StackSetException.ValidationError, error.Code);
        Assert.Contains("Transform", error.Message, StringComparison.Ordinal);
        Assert.Empty(organization.Organization.StackSets);
    }

    [Fact]
    public async Task CreateStackSet_RetainStacksWithoutAutoDeployment_IsAValidationError()
    {
        await using var organization = await StartAsync(0, UsEast1);

        var error = Assert.Throws<StackSetException>(() => organization.CreateStackSet(autoDeployment: new StackSetAutoDeployment(false, true)));

        Assert.Equal(StackSetException.ValidationError, error.Code);
    }

    [Fact]
    public async Task CreateStackInstances_OuWithAChildOu_ReachesTheAccountsOfBoth()
    {
        await using var organization = await StartAsync(1, UsEast1);
        var team = organization.Organization.AddOrganizationalUnit("Team", organization.Analytics);
        var nested = await organization.Organization.AddAccountAsync("team-1", team);
        await organization.Organization.AddAccountAsync("elsewhere-1", organization.Onboarding);
        var stackSet = organization.CreateStackSet();

        var operation = await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);

        Assert.Equal([organization.Accounts[0].Id, nested.Id], operation.Results.Select(result => result.Account));
        Assert.All(stackSet.Instances, instance => Assert.Equal(organization.Analytics.Id, instance.OrganizationalUnitId));
    }

    [Fact]
    public async Task CreateStackInstances_ManagementAccountListed_GetsNoInstance()
    {
        await using var organization = await StartAsync(1, UsEast1);
        var stackSet = organization.CreateStackSet();

        var operation = await stackSet.CreateStackInstancesAsync(
            DeploymentTargets.OnlyAccounts(organization.Organization.ManagementAccountId, organization.Accounts[0].Id), [UsEast1]);

        Assert.Equal([organization.Accounts[0].Id], operation.Results.Select(result => result.Account));
    }

    [Theory]
    [InlineData(AccountFilterType.Intersection, new[] { 1 })]
    [InlineData(AccountFilterType.Difference, new[] { 0, 2 })]
    [InlineData(AccountFilterType.Union, new[] { 0, 1, 2, 3 })]
    public async Task CreateStackInstances_AccountFilter_CombinesTheListedAccountsWithTheOus(AccountFilterType filter, int[] expected)
    {
        await using var organization = await StartAsync(3, UsEast1);
        var outside = await organization.Organization.AddAccountAsync("elsewhere-1", organization.Onboarding);
        var stackSet = organization.CreateStackSet();
        var targets = new DeploymentTargets
        {
            OrganizationalUnitIds = [organization.Analytics.Id],
            Accounts = [organization.Accounts[1].Id, outside.Id],
            AccountFilterType = filter,
        };

        var operation = await stackSet.CreateStackInstancesAsync(targets, [UsEast1]);

        Assert.Equal(expected.Select(index => organization.Accounts[index].Id), operation.Results.Select(result => result.Account));
    }

    [Fact]
    public async Task UpdateStackSet_InstancesWhoseCreationRolledBack_CreatesTheirStacksAfresh()
    {
        await using var organization = await StartAsync(2, UsEast1, EuWest1);
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("Create", EuWest1));
        var everyAccountAtOnce = new StackSetOperationPreferences { MaxConcurrentPercentage = 100, FailureTolerancePercentage = 100 };
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1], everyAccountAtOnce);
        var rolledBack = stackSet.Instances.Where(instance => instance.Region == EuWest1).ToDictionary(instance => instance.Account, instance => instance.StackName);

        var operation = await stackSet.UpdateStackSetAsync(parameters: NativeMemberTemplate.Failing("None", EuWest1, revision: "2"), preferences: everyAccountAtOnce);

        Assert.Equal(StackSetOperationStatuses.Succeeded, operation.Status);
        Assert.All(stackSet.Instances, instance => Assert.Equal(StackInstanceStatuses.Current, instance.Status));
        foreach (var (account, oldStack) in rolledBack)
        {
            var regional = organization.Organization.Account(account).In(EuWest1);
            var stack = Assert.Single(regional.Stacks);
            Assert.NotEqual(oldStack, stack.Name);
            Assert.Equal((StackStatuses.CreateComplete, "2"), (stack.Status, stack.Parameters["Revision"]));
        }
    }

    [Fact]
    public async Task UpdateStackSet_OneInstanceFails_RollsItsStackBackAndLeavesItOutdated()
    {
        await using var organization = await StartAsync(2, UsEast1);
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("None", UsEast1));
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);
        var failing = organization.Accounts[1].Id;

        var operation = await stackSet.UpdateStackSetAsync(
            parameters: NativeMemberTemplate.Failing("Update", UsEast1, failing, revision: "2"), preferences: new StackSetOperationPreferences { FailureToleranceCount = 1 });

        Assert.Equal(StackSetOperationStatuses.Succeeded, operation.Status);
        var instance = stackSet.Instance(failing, UsEast1)!;
        Assert.Equal((StackInstanceStatuses.Outdated, StackSetOperationStatuses.Failed), (instance.Status, instance.DetailedStatus));
        var stack = organization.Organization.Account(failing).In(UsEast1).Stack(instance.StackName!);
        Assert.Equal(StackStatuses.UpdateRollbackComplete, stack.Status);
        Assert.Equal(("None", "1"), (stack.Parameters["FailOn"], stack.Parameters["Revision"]));
        Assert.Equal(StackInstanceStatuses.Current, stackSet.Instance(organization.Accounts[0].Id, UsEast1)!.Status);
    }

    [Fact]
    public async Task DeleteStackSet_WithInstances_IsRefusedUntilTheyAreDeleted()
    {
        await using var organization = await StartAsync(2, UsEast1, EuWest1);
        var stackSet = organization.CreateStackSet();
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1]);

        var refused = Assert.Throws<StackSetException>(() => organization.Organization.DeleteStackSet(stackSet.Name));
        var deletion = await stackSet.DeleteStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1], retainStacks: false);
        organization.Organization.DeleteStackSet(stackSet.Name);

        Assert.Equal(StackSetException.StackSetNotEmpty, refused.Code);
        Assert.Equal(StackSetOperationStatuses.Succeeded, deletion.Status);
        Assert.Empty(stackSet.Instances);
        Assert.All(organization.Accounts, account => Assert.All(account.Regions, region => Assert.Empty(account.In(region).Stacks)));
        Assert.Equal(StackSetException.StackSetNotFound, Assert.Throws<StackSetException>(() => organization.Organization.StackSet(stackSet.Name)).Code);
        var afterwards = await Assert.ThrowsAsync<StackSetException>(() => stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]));
        Assert.Equal(StackSetException.StackSetNotFound, afterwards.Code);
    }

    [Fact]
    public async Task DeleteStackInstances_RetainStacks_RemovesTheInstancesAndKeepsTheirStacks()
    {
        await using var organization = await StartAsync(2, UsEast1, EuWest1);
        var stackSet = organization.CreateStackSet();
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1]);
        var stackNames = stackSet.Instances.ToDictionary(instance => instance.Key, instance => instance.StackName);

        var operation = await stackSet.DeleteStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [EuWest1], retainStacks: true);

        Assert.True(operation.RetainStacks);
        Assert.Equal([UsEast1, UsEast1], stackSet.Instances.Select(instance => instance.Region));
        foreach (var account in organization.Accounts)
        {
            var kept = Assert.Single(account.In(EuWest1).Stacks);
            Assert.Equal((stackNames[new StackInstanceKey(account.Id, EuWest1)], StackStatuses.CreateComplete), (kept.Name, kept.Status));
        }
    }

    [Fact]
    public async Task DeleteStackInstances_StackFailsToDelete_LeavesItInoperableAndOutOfLaterUpdates()
    {
        await using var organization = await StartAsync(2, UsEast1);
        var failing = organization.Accounts[0].Id;
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("Delete", UsEast1, failing));
        await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);

        var deletion = await stackSet.DeleteStackInstancesAsync(DeploymentTargets.OnlyAccounts(failing), [UsEast1], retainStacks: false);
        var afterFailedDelete = stackSet.Instance(failing, UsEast1)!.Status;
        var update = await stackSet.UpdateStackSetAsync(parameters: NativeMemberTemplate.Failing("Delete", UsEast1, failing, revision: "2"));
        var release = await stackSet.DeleteStackInstancesAsync(DeploymentTargets.OnlyAccounts(failing), [UsEast1], retainStacks: true);

        Assert.Equal(StackSetOperationStatuses.Failed, deletion.Status);
        Assert.Equal(StackInstanceStatuses.Inoperable, afterFailedDelete);
        Assert.Equal([organization.Accounts[1].Id], update.Results.Select(result => result.Account));
        Assert.Equal(StackSetOperationStatuses.Succeeded, release.Status);
        Assert.Equal([organization.Accounts[1].Id], stackSet.Instances.Select(instance => instance.Account));
        Assert.Equal(StackStatuses.DeleteFailed, Assert.Single(organization.Organization.Account(failing).In(UsEast1).Stacks).Status);
    }
}
