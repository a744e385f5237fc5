using System.Text.Json;
using EmrStudio.Testing.Scenarios;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.Scenarios.ScenarioAsserts;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>Stale events, short function timeouts, adoption and Lambda's log level, over the wire.</summary>
public abstract partial class SessionMappingScenarios
{
    [Fact]
    public async Task Create_EventOlderThanItsServiceTimeout_AnswersFailedWithoutCallingEmr()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        properties["ServiceTimeout"] = "300";

        // Only ever older by the time it is handled: stale whatever the machine's speed.
        var answer = AssertFailed(await session.SendAsync(world.Events.Create(properties, issuedAt: DateTimeOffset.UtcNow.AddSeconds(-301))));

        Assert.StartsWith(SentinelPrefix, answer.PhysicalResourceId, StringComparison.Ordinal);
        Assert.Contains("ServiceTimeout of 300 s", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Requests);
        Assert.Contains("\"refusedBy\":\"EventAge\"", session.Runner.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_EventOlderThanOneHourWithoutServiceTimeout_IsStaleByCloudFormationsDefault()
    {
        await using var session = await StartAsync();
        var world = session.World;

        AssertFailed(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists), issuedAt: DateTimeOffset.UtcNow.AddSeconds(-3700))));
        // Ten minutes short of the hour: it stays fresh unless handling it takes that long.
        var fresh = AssertSucceeded(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.Alice), "Alice", issuedAt: DateTimeOffset.UtcNow.AddSeconds(-3000))));

        Assert.Equal(MappingIdOf(world.Alice), fresh.PhysicalResourceId);
        Assert.Single(world.Emr.Mappings);
    }

    [Fact]
    public async Task Lifecycle_LambdasDefaultThreeSecondTimeout_CreateUpdateAndDeleteWork()
    {
        await using var session = await StartAsync();
        var world = session.World;
        // A real 3 s deadline, as Lambda sets it: the handler gives its provider 1.5 s and keeps at least 0.75 s for the
        // answer, for work (two or three loopback calls) that takes milliseconds, so a machine ten times slower fits.
        // What does not fit a 3 s invocation is this process's first event, which compiles the handler's code paths
        // (Lambda runs the published executable, compiled ahead of time, and starts it before the first deadline runs):
        // a warm-up create and delete with the default deadline go first.
        var warmUp = world.PropertiesByName(world.Alice);
        var warm = AssertSucceeded(await session.SendAsync(world.Events.Create(warmUp, "WarmUp")));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(warm.PhysicalResourceId!, warmUp, "WarmUp")));
        var timeout = TimeSpan.FromSeconds(3);
        var properties = world.PropertiesByName(world.DataScientists);
        var newProperties = world.PropertiesByName(world.DataScientists, ScenarioWorld.OtherPolicyArn);

        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties), timeout));
        var updated = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, newProperties, properties), timeout));
        var replaced = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, world.PropertiesByName(world.Analysts), newProperties), timeout));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, newProperties), timeout));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(replaced.PhysicalResourceId!, world.PropertiesByName(world.Analysts)), timeout));

        Assert.Equal(created.PhysicalResourceId, updated.PhysicalResourceId);
        Assert.Empty(world.Emr.Mappings);
        Assert.Equal(3, world.Emr.CountOf("DeleteStudioSessionMapping"));
    }

    [Fact]
    public async Task Delete_DeadlineAlreadyPassed_StillMakesOneBoundedAttemptToAnswer()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var deleted = world.Events.Delete(MappingIdOf(world.Alice), world.PropertiesByName(world.Alice));

        // Whatever the machine's speed, the provider gets no time at all; the one PUT has its own 1 s bound, for a
        // loopback request that takes milliseconds.
        var exchange = await session.SendAsync(deleted, TimeSpan.FromSeconds(-1));

        Assert.Equal(1, world.Receiver.AttemptCount(deleted.ResponseUrl!));
        Assert.Equal("FAILED", exchange.Answer.Status);
        Assert.Contains("time", exchange.Answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_RollbackAfterAReplacement_RestoresTheOldMappingAndTheRollbackCleanupRemovesTheNewOne()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var before = world.PropertiesByName(world.DataScientists);
        var after = world.PropertiesByName(world.Analysts, ScenarioWorld.OtherPolicyArn);
        var original = AssertSucceeded(await session.SendAsync(world.Events.Create(before)));
        var forward = AssertSucceeded(await session.SendAsync(world.Events.Update(original.PhysicalResourceId!, after, before)));
        Assert.NotEqual(original.PhysicalResourceId, forward.PhysicalResourceId);

        // Another resource failed: CloudFormation updates this one back (swapped properties, the current id) while
        // the old mapping still exists, since only a successful update's cleanup would have deleted it.
        world.StackStatus = "UPDATE_ROLLBACK_IN_PROGRESS";
        var rollback = AssertSucceeded(await session.SendAsync(world.Events.Update(forward.PhysicalResourceId!, before, after)));

        Assert.Equal(original.PhysicalResourceId, rollback.PhysicalResourceId);
        AssertAttributes(session, rollback, world.DataScientists, ScenarioWorld.PolicyArn);
        var asked = Assert.Single(world.CloudFormation.Requests);
        Assert.Equal(CustomResourceEventBuilder.StackId, asked.Parameters["StackName"]);
        Assert.Equal(200, asked.StatusCode);

        world.StackStatus = "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS";
        AssertSucceeded(await session.SendAsync(world.Events.Delete(forward.PhysicalResourceId!, after)));

        var left = Assert.Single(world.Emr.Mappings);
        Assert.Equal((world.DataScientists.Id, ScenarioWorld.PolicyArn), (left.IdentityId, left.SessionPolicyArn));
        AssertNoRejections(session);
    }

    [Fact]
    public async Task Update_ReplacementOntoAnExistingMappingWhileCloudFormationIsUnreachable_FailsSayingSo()
    {
        await using var session = await StartAsync(adjustEnvironment: environment => environment["AWS_ENDPOINT_URL_CLOUDFORMATION"] = "http://127.0.0.1:9");
        var world = session.World;
        var old = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(old)));
        world.Emr.PutMapping(ScenarioWorld.StudioId, world.Analysts, ScenarioWorld.OtherPolicyArn);

        // DescribeStacks is refused at once (nothing listens on port 9) and retried until the provider's 2 s run out;
        // the one EMR call before it takes milliseconds of those 2 s, and the PUT after it milliseconds of its 1 s.
        var answer = AssertFailed(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, world.PropertiesByName(world.Analysts), old), TimeSpan.FromSeconds(4)));

        Assert.Equal(created.PhysicalResourceId, answer.PhysicalResourceId);
        Assert.Contains("could not be learned from CloudFormation", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("the last failure was", answer.Reason, StringComparison.Ordinal);
        Assert.Equal(ScenarioWorld.OtherPolicyArn, world.Emr.Mappings.Single(mapping => mapping.IdentityId == world.Analysts.Id).SessionPolicyArn);
    }

    [Fact]
    public async Task Create_AdoptExistingAndTheMappingExists_TakesItOverWithTheTemplatesPolicy()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.PutMapping(ScenarioWorld.StudioId, world.DataScientists, ScenarioWorld.OtherPolicyArn);
        var properties = world.PropertiesByName(world.DataScientists);
        properties["AdoptExisting"] = "true";

        var adopted = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));

        Assert.Equal(MappingIdOf(world.DataScientists), adopted.PhysicalResourceId);
        AssertAttributes(session, adopted, world.DataScientists, ScenarioWorld.PolicyArn);
        Assert.Equal(ScenarioWorld.PolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);
        Assert.Contains("Adopted an existing session mapping.", session.Runner.Output, StringComparison.Ordinal);
        Assert.Contains(ScenarioWorld.OtherPolicyArn, session.Runner.Output, StringComparison.Ordinal);

        AssertSucceeded(await session.SendAsync(world.Events.Delete(adopted.PhysicalResourceId!, properties)));
        Assert.Empty(world.Emr.Mappings);
        AssertNoRejections(session);
    }

    [Fact]
    public async Task Create_AdoptExistingAndNothingExists_Creates()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesById(world.Alice);
        properties["AdoptExisting"] = "true";

        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));

        Assert.Equal(MappingIdOf(world.Alice), created.PhysicalResourceId);
        Assert.Equal(1, world.Emr.CountOf("CreateStudioSessionMapping"));
        Assert.DoesNotContain("Adopted an existing session mapping.", session.Runner.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AdoptExistingNeitherTrueNorFalse_FailsNamingItWithoutCallingEmr()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        properties["AdoptExisting"] = "yes";

        var answer = AssertFailed(await session.SendAsync(world.Events.Create(properties)));

        Assert.Contains("AdoptExisting:", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Requests);
    }

    [Fact]
    public async Task Update_ReplacementWithAdoptExistingOntoAnExistingMapping_TakesItOver()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var old = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(old)));
        world.Emr.PutMapping(ScenarioWorld.StudioId, world.Analysts, ScenarioWorld.OtherPolicyArn);
        var replacement = world.PropertiesByName(world.Analysts);
        replacement["AdoptExisting"] = "true";

        var updated = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, replacement, old)));

        Assert.Equal(MappingIdOf(world.Analysts), updated.PhysicalResourceId);
        Assert.Equal(ScenarioWorld.PolicyArn, world.Emr.Mappings.Single(mapping => mapping.IdentityId == world.Analysts.Id).SessionPolicyArn);
        Assert.Equal(2, world.Emr.Mappings.Count);
    }

    [Theory]
    [InlineData("WARN", false, false)]
    [InlineData("INFO", true, false)]
    [InlineData("DEBUG", true, true)]
    [InlineData(null, true, false)]
    public async Task Logs_LambdaLogLevel_NothingBelowItIsWritten(string? level, bool expectInfo, bool expectDebug)
    {
        await using var session = await StartAsync(adjustEnvironment: environment =>
        {
            if (level is not null)
            {
                environment["AWS_LAMBDA_LOG_LEVEL"] = level;
            }
        });
        var world = session.World;
        AssertSucceeded(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));
        AssertFailed(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.Alice, "not-an-arn"), "Invalid")));

        var lines = session.Runner.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        var levels = lines.Select(line => line.GetProperty("level").GetString()).ToHashSet();

        Assert.Contains("WARN", levels);
        Assert.Equal(expectInfo, levels.Contains("INFO"));
        Assert.Equal(expectDebug, levels.Contains("DEBUG"));
        Assert.All(lines, line =>
        {
            Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.False(string.IsNullOrEmpty(line.GetProperty("message").GetString()));
        });
    }
}
