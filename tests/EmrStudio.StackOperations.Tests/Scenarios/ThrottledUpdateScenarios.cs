using System.Globalization;
using EmrStudio.Cdk;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>One update that adds fifty mappings while EMR throttles three calls in ten.</summary>
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
}
