using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.StackSets;
using Xunit;
using static EmrStudio.StackOperations.Tests.StackSets.NativeOrganization;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// How an operation goes through accounts and regions: concurrency, failure tolerance per region, region order and
/// region concurrency, with native resources only (no function runs).
/// </summary>
public sealed class StackSetSchedulingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CreateStackInstances_ToleranceExceededInARegion_CancelsTheRestThereAndEveryLaterRegion()
    {
        await using var organization = await StartAsync(4, UsEast1, EuWest1, ApSoutheast2);
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("Create", EuWest1));
        var preferences = new StackSetOperationPreferences
        {
            MaxConcurrentCount = 3,
            FailureToleranceCount = 1,
            RegionOrder = [UsEast1, EuWest1, ApSoutheast2],
        };

        var operation = await stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1, ApSoutheast2], preferences);

        Assert.Equal(StackSetOperationStatuses.Failed, operation.Status);
        Assert.Equal([UsEast1, EuWest1], operation.RegionsStarted);
        Assert.All(operation.ResultsIn(UsEast1), result => Assert.Equal(StackSetOperationStatuses.Succeeded, result.Status));
        // Strict failure tolerance: at most tolerance + 1 = 2 at once, both fail, the other two never start.
        Assert.Equal(2, operation.MaxConcurrencyByRegion[EuWest1]);
        Assert.Equal(
            [StackSetOperationStatuses.Failed, StackSetOperationStatuses.Failed, StackSetOperationStatuses.Cancelled, StackSetOperationStatuses.Cancelled],
            operation.ResultsIn(EuWest1).Select(result => result.Status));
        Assert.All(operation.ResultsIn(ApSoutheast2), result => Assert.Equal(StackSetOperationStatuses.Cancelled, result.Status));
        Assert.False(operation.MaxConcurrencyByRegion.ContainsKey(ApSoutheast2));
        foreach (var result in operation.ResultsWith(StackSetOperationStatuses.Failed))
        {
            var instance = stackSet.Instance(result.Account, result.Region)!;
            Assert.Equal(StackInstanceStatuses.Outdated, instance.Status);
            Assert.Contains($"ResourceLogicalId:{NativeMemberTemplate.FailureId}", instance.StatusReason, StringComparison.Ordinal);
            var stack = organization.Organization.Account(result.Account).In(result.Region).Stack(instance.StackName!);
            Assert.Equal(StackStatuses.RollbackComplete, stack.Status);
            Assert.Empty(stack.Resources);
        }

        Assert.All(operation.ResultsWith(StackSetOperationStatuses.Cancelled), result =>
        {
            var instance = stackSet.Instance(result.Account, result.Region)!;
            Assert.Equal((StackInstanceStatuses.Outdated, StackSetOperationStatuses.Cancelled, null), (instance.Status, instance.DetailedStatus, instance.StackName));
            Assert.Empty(organization.Organization.Account(result.Account).In(result.Region).Stacks);
        });
    }

    [Fact]
    public async Task CreateStackInstances_FailuresWithinTolerance_SucceedsWithOnlyThoseInstancesOutdated()
    {
        await using var organization = await StartAsync(4, UsEast1, EuWest1);
        var failing = organization.Accounts[2].Id;
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("Create", EuWest1, failing));

        var operation = await stackSet.CreateStackInstancesAsync(
            DeploymentTargets.Units(organization.Analytics), [UsEast1, EuWest1], new StackSetOperationPreferences { MaxConcurrentCount = 2, FailureToleranceCount = 1 });

        Assert.Equal(StackSetOperationStatuses.Succeeded, operation.Status);
        var failed = Assert.Single(operation.ResultsWith(StackSetOperationStatuses.Failed));
        Assert.Equal(new StackInstanceKey(failing, EuWest1), failed.Key);
        Assert.Equal(7, stackSet.Instances.Count(instance => instance.Status == StackInstanceStatuses.Current));
    }

    [Theory]
    [InlineData(ConcurrencyMode.StrictFailureTolerance, 1, 1, 3)]
    [InlineData(ConcurrencyMode.SoftFailureTolerance, 4, 4, 0)]
    public async Task CreateStackInstances_EveryAccountFailsWithNoTolerance_ConcurrencyModeDecidesHowManyAreTried(
        ConcurrencyMode mode, int expectedConcurrency, int expectedFailed, int expectedCancelled)
    {
        await using var organization = await StartAsync(4, UsEast1);
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("Create", UsEast1));

        var operation = await stackSet.CreateStackInstancesAsync(
            DeploymentTargets.Units(organization.Analytics), [UsEast1], new StackSetOperationPreferences { MaxConcurrentCount = 4, FailureToleranceCount = 0, ConcurrencyMode = mode });

        Assert.Equal(StackSetOperationStatuses.Failed, operation.Status);
        Assert.Equal(expectedConcurrency, operation.MaxConcurrency);
        Assert.Equal(expectedFailed, operation.ResultsWith(StackSetOperationStatuses.Failed).Count);
        Assert.Equal(expectedCancelled, operation.ResultsWith(StackSetOperationStatuses.Cancelled).Count);
    }

    [Fact]
    public async Task CreateStackInstances_MaxConcurrentCountTwo_RunsTwoInstancesAtOnceAndNoThird()
    {
        await using var organization = await StartAsync(5, UsEast1);
        var stackSet = organization.CreateStackSet();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var twoStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        organization.Organization.InstanceOperationStarting = async _ =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                twoStarted.SetResult();
            }

            await release.Task;
        };

        var running = stackSet.CreateStackInstancesAsync(
            DeploymentTargets.Units(organization.Analytics), [UsEast1], new StackSetOperationPreferences { MaxConcurrentCount = 2, FailureToleranceCount = 4 });
        await twoStarted.Task.WaitAsync(Patience);
        var startedWhileHeld = Volatile.Read(ref started);
        release.SetResult();
        var operation = await running.WaitAsync(Patience);

        // Both held instances were in progress together, and a third could only start once one of them ended.
        Assert.Equal(2, startedWhileHeld);
        Assert.Equal(2, operation.MaxConcurrency);
        Assert.Equal(5, operation.ResultsWith(StackSetOperationStatuses.Succeeded).Count);
    }

    [Fact]
    public async Task CreateStackInstances_ParallelRegions_StartsEveryRegionWhateverFailsInAnother()
    {
        await using var organization = await StartAsync(2, UsEast1, EuWest1);
        var stackSet = organization.CreateStackSet(NativeMemberTemplate.Failing("Create", UsEast1));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bothRegions = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        organization.Organization.InstanceOperationStarting = async _ =>
        {
            if (Interlocked.Increment(ref started) == 4)
            {
                bothRegions.SetResult();
            }

            await release.Task;
        };

        var running = stackSet.CreateStackInstancesAsync(
            DeploymentTargets.Units(organization.Analytics),
            [UsEast1, EuWest1],
            new StackSetOperationPreferences { MaxConcurrentCount = 2, FailureToleranceCount = 1, RegionConcurrencyType = RegionConcurrencyType.Parallel });
        await bothRegions.Task.WaitAsync(Patience);
        release.SetResult();
        var operation = await running.WaitAsync(Patience);

        Assert.Equal(StackSetOperationStatuses.Failed, operation.Status);
        Assert.Equal(4, operation.MaxConcurrency);
        Assert.Equal([UsEast1, EuWest1], operation.RegionsStarted);
        Assert.All(operation.ResultsIn(EuWest1), result => Assert.Equal(StackSetOperationStatuses.Succeeded, result.Status));
    }

    [Fact]
    public async Task UpdateStackSet_WhileAnOperationRuns_IsRefusedWithOperationInProgress()
    {
        await using var organization = await StartAsync(1, UsEast1);
        var stackSet = organization.CreateStackSet();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        organization.Organization.InstanceOperationStarting = async _ =>
        {
            held.TrySetResult();
            await release.Task;
        };
        var running = stackSet.CreateStackInstancesAsync(DeploymentTargets.Units(organization.Analytics), [UsEast1]);
        await held.Task.WaitAsync(Patience);

        var update = await Assert.ThrowsAsync<StackSetException>(() => stackSet.UpdateStackSetAsync(parameters: NativeMemberTemplate.Failing("None", UsEast1, revision: "2")));
        var delete = Assert.Throws<StackSetException>(() => organization.Organization.DeleteStackSet(stackSet.Name));
        release.SetResult();
        await running.WaitAsync(Patience);

        Assert.Equal(StackSetException.OperationInProgress, update.Code);
        Assert.Equal(StackSetException.OperationInProgress, delete.Code);
        Assert.Empty(stackSet.Parameters);
    }
}
