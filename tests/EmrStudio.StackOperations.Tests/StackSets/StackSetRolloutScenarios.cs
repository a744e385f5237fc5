using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.StackSets;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// The session mappings rolled out to an organization as a service-managed StackSet, four accounts by two regions
/// (three for the outage), each account's handler the published bootstrap with its own role, talking to its own EMR.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class StackSetRolloutScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    private const int Accounts = 4;
    private const string UsEast1 = "us-east-1";
    private const string EuWest1 = "eu-west-1";
    private const string ApSoutheast2 = "ap-southeast-2";

    /// <summary>Built per use, so that a missing tool fails the test that needs it, naming the tool; the transform runs once per process.</summary>
    private static StackSetMember Member => StackSetMemberTemplate.Build();

    private static int MappingsPerInstance => Member.Principals.Count;

    [Fact]
    public async Task CreateStackInstances_FourAccountsTwoRegions_EveryStudioHoldsExactlyTheDeclaredMappings()
    {
        await using var rollout = await StartAsync(UsEast1, EuWest1);

        var result = await rollout.CreateAsync();

        AssertClean(result);
        Assert.Equal((8, 8, 0, 0), (result.Instances, result.Succeeded, result.Failed, result.Cancelled));
        Assert.All(rollout.StackSet!.Instances, instance => Assert.Equal(StackInstanceStatuses.Current, instance.Status));
        Assert.Equal(2, Assert.Single(result.Operations).MaxConcurrencyByRegion[UsEast1]);
        Assert.Equal((8 * MappingsPerInstance, 8 * MappingsPerInstance), (result.FinalMappings, result.DeclaredMappings));
        AssertCalls(result, ("ListStudios", 24), ("CreateStudioSessionMapping", 24), ("GetStudioSessionMapping", 24));
        AssertEveryStudio(rollout, StackSetMemberTemplate.SessionPolicy);
    }

    [Fact]
    public async Task UpdateStackSet_SessionPolicyChanged_EveryMappingCarriesTheNewPolicyWithoutAGap()
    {
        await using var rollout = await StartAsync(UsEast1, EuWest1);
        await rollout.CreateAsync();

        var result = await rollout.UpdateSessionPolicyAsync();

        AssertClean(result);
        Assert.Equal((8, 8, 0, 0), (result.Instances, result.Succeeded, result.Failed, result.Cancelled));
        Assert.All(rollout.StackSet!.Instances, instance => Assert.Equal(StackInstanceStatuses.Current, instance.Status));
        Assert.Equal(8 * MappingsPerInstance, result.FinalMappings);
        AssertCalls(result, ("ListStudios", 24), ("UpdateStudioSessionMapping", 24), ("GetStudioSessionMapping", 24));
        AssertEveryStudio(rollout, StackSetMemberTemplate.UpdatedSessionPolicy);
        // Updated in place: no principal lost its mapping on the way.
        Assert.All(AllRegions(rollout), regional => Assert.DoesNotContain(regional.Emr.MappingHistory, change => change.Kind == FakeMappingChangeKind.Deleted));
    }

    [Fact]
    public async Task CreateStackInstances_EmrDownInTheSecondRegion_StopsThereBeyondToleranceRollsBackAndNeverStartsTheThird()
    {
        await using var rollout = await StartAsync(UsEast1, EuWest1, ApSoutheast2);

        var result = await rollout.RegionOutageAsync();

        AssertClean(result);
        var operation = Assert.Single(result.Operations);
        Assert.Equal(StackSetOperationStatuses.Failed, operation.Status);
        Assert.Equal([UsEast1, EuWest1], operation.RegionsStarted);
        Assert.All(operation.ResultsIn(UsEast1), r => Assert.Equal(StackSetOperationStatuses.Succeeded, r.Status));
        // 50 % of 4 at once but a tolerance of 25 % (1): strict failure tolerance runs 2, both fail, 2 are cancelled.
        Assert.Equal(
            [StackSetOperationStatuses.Failed, StackSetOperationStatuses.Failed, StackSetOperationStatuses.Cancelled, StackSetOperationStatuses.Cancelled],
            operation.ResultsIn(EuWest1).Select(r => r.Status));
        Assert.All(operation.ResultsIn(ApSoutheast2), r => Assert.Equal(StackSetOperationStatuses.Cancelled, r.Status));
        Assert.Equal(2, operation.MaxConcurrencyByRegion[EuWest1]);
        Assert.Equal((12, 4, 2, 6), (result.Instances, result.Succeeded, result.Failed, result.Cancelled));

        foreach (var failed in operation.ResultsWith(StackSetOperationStatuses.Failed))
        {
            var instance = rollout.StackSet!.Instance(failed.Account, failed.Region)!;
            Assert.Equal(StackInstanceStatuses.Outdated, instance.Status);
            Assert.Contains("StudioName", instance.StatusReason, StringComparison.Ordinal);
            var stack = rollout.Organization.Account(failed.Account).In(EuWest1).Stack(instance.StackName!);
            Assert.Equal(StackStatuses.RollbackComplete, stack.Status);
            Assert.Empty(stack.Resources);
        }

        Assert.All(rollout.Organization.Accounts, account =>
        {
            Assert.Equal(MappingsPerInstance, account.In(UsEast1).Emr.Mappings.Count);
            Assert.Empty(account.In(EuWest1).Emr.Mappings);
            Assert.Empty(account.In(ApSoutheast2).Emr.Mappings);
            Assert.Empty(account.In(ApSoutheast2).Stacks);
        });
        Assert.Equal(4 * MappingsPerInstance * 3, result.EmrCallsByRegion[UsEast1]);
        Assert.False(result.EmrCallsByRegion.ContainsKey(ApSoutheast2));
        // EMR answered nothing in the region that was down: each failed instance got as far as looking its studio up.
        Assert.InRange(result.EmrCallsByRegion[EuWest1], 2, int.MaxValue);
        Assert.All(
            rollout.Organization.Accounts.SelectMany(account => account.In(EuWest1).Emr.Requests),
            request => Assert.Equal("ListStudios", request.Operation));
    }

    [Fact]
    public async Task MoveAccount_OneJoinsThenTwoLeaveTheOu_AutoDeploysThenDeletesThenRetainsTheirStacks()
    {
        await using var rollout = await StartAsync(UsEast1, EuWest1);
        await rollout.CreateAsync();

        var joined = await rollout.AccountJoinsAsync();
        var newcomer = rollout.Organization.Accounts[^1];
        var left = await rollout.AccountLeavesAsync(retainStacks: false);
        var removed = rollout.Organization.Accounts[0];
        var leftRetained = await rollout.AccountLeavesAsync(retainStacks: true);
        var retained = rollout.Organization.Accounts[1];

        AssertClean(joined);
        Assert.True(Assert.Single(joined.Operations).IsAutoDeployment);
        Assert.Equal((10, 2, 0, 0), (joined.Instances, joined.Succeeded, joined.Failed, joined.Cancelled));
        Assert.Equal(10 * MappingsPerInstance, joined.FinalMappings);
        AssertCalls(joined, ("ListStudios", 6), ("CreateStudioSessionMapping", 6), ("GetStudioSessionMapping", 6));
        Assert.All(newcomer.Regions, region => Assert.Equal(MappingsPerInstance, newcomer.In(region).Emr.Mappings.Count));

        AssertClean(left);
        Assert.Equal((8, 2, 0, 0), (left.Instances, left.Succeeded, left.Failed, left.Cancelled));
        Assert.False(Assert.Single(left.Operations).RetainStacks);
        AssertCalls(left, ("DeleteStudioSessionMapping", 6));
        Assert.All(removed.Regions, region => Assert.Empty(removed.In(region).Emr.Mappings));
        Assert.All(removed.Regions, region => Assert.Empty(removed.In(region).Stacks));

        AssertClean(leftRetained);
        Assert.Equal(2, leftRetained.Operations.Count);
        Assert.True(leftRetained.Operations[^1].RetainStacks);
        Assert.Equal((6, 8 + 2, 0, 0), (leftRetained.Instances, leftRetained.Succeeded, leftRetained.Failed, leftRetained.Cancelled));
        // The UpdateStackSet that turned retention on changed no mapping: no handler was asked anything.
        AssertCalls(leftRetained);
        Assert.Equal(8 * MappingsPerInstance, leftRetained.FinalMappings);
        Assert.DoesNotContain(rollout.StackSet!.Instances, instance => instance.Account == retained.Id);
        Assert.All(retained.Regions, region => Assert.Equal(MappingsPerInstance, retained.In(region).Emr.Mappings.Count));
        Assert.All(retained.Regions, region => Assert.Single(retained.In(region).Stacks));
        AssertEveryStudio(rollout, StackSetMemberTemplate.SessionPolicy);
    }

    [Fact]
    public async Task DeleteStackSet_AfterDeletingItsInstances_LeavesNothingInAnyAccount()
    {
        await using var rollout = await StartAsync(UsEast1, EuWest1);
        await rollout.CreateAsync();

        var result = await rollout.DeleteAsync();

        AssertClean(result);
        Assert.Equal((0, 8, 0, 0), (result.Instances, result.Succeeded, result.Failed, result.Cancelled));
        Assert.Equal((0, 0, 0), (result.FinalMappings, result.DeclaredMappings, result.LiveStacks));
        AssertCalls(result, ("DeleteStudioSessionMapping", 24));
        Assert.Empty(rollout.Organization.StackSets);
        Assert.All(AllRegions(rollout), regional => Assert.Empty(regional.Emr.Mappings));
    }

    [Fact]
    public async Task RunAllAsync_FourAccountsTwoRegions_EveryScenarioEndsWithExactlyTheDeclaredMappings()
    {
        var results = await StackSetRollout.RunAllAsync(new StackSetRolloutOptions
        {
            BootstrapExecutable = published.RequireExecutable(),
            Member = Member,
            Accounts = Accounts,
            Regions = [UsEast1, EuWest1],
        });

        foreach (var result in results)
        {
            output.WriteLine(result.ToString());
        }

        Assert.Equal(
            ["create", "update session policy", "account joins", "account leaves", "account leaves, retained", "delete", $"outage in {EuWest1}"],
            results.Select(result => result.Scenario));
        Assert.All(results, AssertClean);
        // Only the mappings of the account that left with its stacks retained outlive the StackSet.
        Assert.Equal((0, 2 * MappingsPerInstance, 2), (results[5].Instances, results[5].FinalMappings, results[5].LiveStacks));
        Assert.Equal((4, 2, 2), (results[6].Succeeded, results[6].Failed, results[6].Cancelled));
    }

    private static IEnumerable<SimulatedAccount> AllRegions(StackSetRollout rollout) =>
        rollout.Organization.Accounts.SelectMany(account => account.Regions.Select(account.In));

    private async Task<StackSetRollout> StartAsync(params string[] regions) =>
        await StackSetRollout.StartAsync(new StackSetRolloutOptions
        {
            BootstrapExecutable = published.RequireExecutable(),
            Member = Member,
            Accounts = Accounts,
            Regions = regions,
            Log = output.WriteLine,
        });

    private static void AssertClean(StackSetScenarioResult result)
    {
        Assert.True(result.Problems.Count == 0, result.ToString());
        Assert.Equal(result.DeclaredMappings, result.FinalMappings);
    }

    private static void AssertCalls(StackSetScenarioResult result, params (string Operation, int Count)[] expected)
    {
        Assert.Equal(
            expected.OrderBy(call => call.Operation, StringComparer.Ordinal).Select(call => $"{call.Operation} {call.Count}"),
            result.EmrCallsByOperation.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
        Assert.Equal(expected.Sum(call => call.Count), result.EmrCalls);
    }

    /// <summary>Every member account still in the OU: in each region its studio named "analytics" holds each principal once, with the account's policy; its other studio nothing.</summary>
    private static void AssertEveryStudio(StackSetRollout rollout, string policyName)
    {
        foreach (var account in rollout.Organization.Accounts.Where(account => account.OrganizationalUnitId == rollout.Analytics.Id))
        {
            foreach (var region in account.Regions)
            {
                var mappings = account.In(region).Emr.Mappings;
                var studio = StackSetRollout.StudioId(account.Id, region, StackSetMemberTemplate.StudioName);
                Assert.Equal(
                    Member.Principals.Select(principal => $"{studio} {principal.IdentityType} {principal.Name} arn:aws:iam::{account.Id}:policy/{policyName}").Order(StringComparer.Ordinal),
                    mappings.Select(mapping => $"{mapping.StudioId} {mapping.IdentityType} {mapping.IdentityName} {mapping.SessionPolicyArn}").Order(StringComparer.Ordinal));
            }
        }
    }
}
