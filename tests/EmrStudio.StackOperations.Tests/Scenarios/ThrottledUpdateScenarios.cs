using System.Globalization;
using EmrStudio.Cdk;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>
/// Fifty mappings while EMR throttles: an update that adds them while three calls in ten are refused at random, and
/// a stack of them created, updated and deleted against the account's token bucket, with up to ten of them in
/// flight at once.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ThrottledUpdateScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    [Fact]
    public async Task Update_FiftyMappingsUnderThirtyPercentThrottling_CreatesThemAll()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var users = Enumerable.Range(1, 50).Select(i => world.AddUser(string.Create(CultureInfo.InvariantCulture, $"user-{i:D2}@example.com"))).ToList();
        var first = StackVersions.Group("Team", StudioX, "data-scientists", PolicyA);
        await world.DeployAsync(StackVersions.StackName, StackVersions.Mappings(world, first));
        world.Emr.ThrottleFraction = 0.3;

        var many = users.Select((user, i) => new MappingSpec(string.Create(CultureInfo.InvariantCulture, $"User{i:D2}"), StudioX, StudioIdentity.User(user.Name), PolicyA));
        var result = await world.DeployAsync(StackVersions.StackName, StackVersions.Mappings(world, [first, .. many]));

        world.Log($"EMR received {world.Emr.Requests.Count} requests, {world.Emr.ThrottleFraction:P0} of them answered ThrottlingException");
        Assert.True(result.FinalStatus == StackStatuses.UpdateComplete, result.ToString());
        Assert.Equal(51, world.Emr.Mappings.Count);
        world.AssertConsistent(world.Declared([StackVersions.StackName]));
    }

    [Fact]
    public async Task CreateUpdateDelete_FiftyMappingsUnderTheAccountsRateLimit_EveryMappingAsDeclared()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var users = Enumerable.Range(1, 50).Select(i => world.AddUser(string.Create(CultureInfo.InvariantCulture, $"user-{i:D2}@example.com"))).ToList();
        MappingSpec[] Mappings(string policy) =>
            [.. users.Select((user, i) => new MappingSpec(string.Create(CultureInfo.InvariantCulture, $"User{i:D2}"), StudioX, StudioIdentity.User(user.Name), policy))];
        // The bucket's clock moves 70 ms per call, not with the machine: past the burst each call brings 0.7 of a
        // token, so about three calls in ten are refused however fast or slow the handlers run.
        world.Emr.Clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(70) };
        world.Emr.RateLimit = new FakeRateLimit(RatePerSecond: 10, Burst: 10);

        var created = await world.DeployAsync(StackVersions.StackName, StackVersions.Mappings(world, Mappings(PolicyA)));
        Assert.True(created.FinalStatus == StackStatuses.CreateComplete, created.ToString());
        world.AssertConsistent(world.Declared([StackVersions.StackName]));
        var throttledByCreate = world.Emr.ThrottledByRateLimit;

        var updated = await world.DeployAsync(StackVersions.StackName, StackVersions.Mappings(world, Mappings(PolicyB)));
        Assert.True(updated.FinalStatus == StackStatuses.UpdateComplete, updated.ToString());
        world.AssertConsistent(world.Declared([StackVersions.StackName]));
        var throttledByUpdate = world.Emr.ThrottledByRateLimit - throttledByCreate;

        var deleted = await world.DeleteAsync(StackVersions.StackName);
        Assert.True(deleted.FinalStatus == StackStatuses.DeleteComplete, deleted.ToString());
        world.AssertConsistent([]);

        world.Log($"EMR received {world.Emr.Requests.Count} requests; the rate limit refused {throttledByCreate} during the create, {throttledByUpdate} during the update, {world.Emr.ThrottledByRateLimit - throttledByCreate - throttledByUpdate} during the delete");
        Assert.True(throttledByCreate > 0 && throttledByUpdate > 0, "the rate limit refused nothing: the handlers' retries were not exercised");
        Assert.Equal(50, world.Emr.MappingHistory.Count(change => change.Kind == FakeMappingChangeKind.Updated));
    }
}
