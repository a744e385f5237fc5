using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Scenarios;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.Scenarios.ScenarioAsserts;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>
/// The product's behaviour over the wire: CloudFormation events in through the Runtime API, EMR calls out to the fake,
/// answers to the ResponseURL. Written once; each subclass supplies a runner, so the code in this process and the
/// published executable pass the same scenarios.
/// </summary>
public abstract partial class SessionMappingScenarios
{
    private const string SentinelPrefix = "emrstudio-create-failed:";

    /// <summary>How long a scenario waits for the handler to exit after it was told to; it only bounds a hang.</summary>
    private static readonly TimeSpan ExitWait = TimeSpan.FromMinutes(1);

    protected abstract IHandlerRunner CreateRunner();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lifecycle_CreateUpdatePolicyDelete_ManagesTheMappingUnderOneId(bool byId)
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = byId ? world.PropertiesById(world.DataScientists) : world.PropertiesByName(world.DataScientists);

        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));

        Assert.Equal(MappingIdOf(world.DataScientists), created.PhysicalResourceId);
        AssertAttributes(session, created, world.DataScientists, ScenarioWorld.PolicyArn);
        var mapping = Assert.Single(world.Emr.Mappings);
        Assert.Equal((ScenarioWorld.StudioId, world.DataScientists.Id, ScenarioWorld.PolicyArn), (mapping.StudioId, mapping.IdentityId, mapping.SessionPolicyArn));

        var newProperties = byId
            ? world.PropertiesById(world.DataScientists, ScenarioWorld.OtherPolicyArn)
            : world.PropertiesByName(world.DataScientists, ScenarioWorld.OtherPolicyArn);
        var updated = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, newProperties, properties)));

        Assert.Equal(created.PhysicalResourceId, updated.PhysicalResourceId);
        AssertAttributes(session, updated, world.DataScientists, ScenarioWorld.OtherPolicyArn);
        Assert.Equal(1, world.Emr.CountOf("UpdateStudioSessionMapping"));
        Assert.Equal(1, world.Emr.CountOf("CreateStudioSessionMapping"));
        Assert.Equal(ScenarioWorld.OtherPolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);

        var deleted = AssertSucceeded(await session.SendAsync(world.Events.Delete(updated.PhysicalResourceId!, newProperties)));

        Assert.Equal(created.PhysicalResourceId, deleted.PhysicalResourceId);
        Assert.Empty(world.Emr.Mappings);
        AssertNoRejections(session);
    }

    [Fact]
    public async Task Update_NameSwitchedToTheSamePrincipalsId_KeepsThePhysicalResourceId()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var byName = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(byName)));

        var updated = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, world.PropertiesById(world.DataScientists), byName)));

        Assert.Equal(created.PhysicalResourceId, updated.PhysicalResourceId);
        Assert.Equal(world.DataScientists.Name, updated.Data!["IdentityName"]);
        Assert.Equal(world.DataScientists.Id, updated.Data["IdentityId"]);
        Assert.Single(world.Emr.Mappings);
        Assert.Equal(1, world.Emr.CountOf("CreateStudioSessionMapping"));
        Assert.Equal(0, world.Emr.CountOf("DeleteStudioSessionMapping"));
    }

    [Fact]
    public async Task Update_AnotherGroup_ReturnsANewIdAndLeavesTheOldMappingForCloudFormationToDelete()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var old = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(old)));
        var replacement = world.PropertiesByName(world.Analysts);

        var updated = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, replacement, old)));

        Assert.Equal(MappingIdOf(world.Analysts), updated.PhysicalResourceId);
        Assert.NotEqual(created.PhysicalResourceId, updated.PhysicalResourceId);
        AssertAttributes(session, updated, world.Analysts, ScenarioWorld.PolicyArn);
        Assert.Equal(
            new[] { world.Analysts.Id, world.DataScientists.Id }.Order(StringComparer.Ordinal),
            world.Emr.Mappings.Select(mapping => mapping.IdentityId).Order(StringComparer.Ordinal));

        // CloudFormation's cleanup phase deletes the old resource by its old id.
        var cleanup = AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, old)));

        Assert.Equal(created.PhysicalResourceId, cleanup.PhysicalResourceId);
        Assert.Equal(world.Analysts.Id, Assert.Single(world.Emr.Mappings).IdentityId);
    }

    [Fact]
    public async Task Update_MappingDeletedOutOfBand_RecreatesItUnderTheSameId()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.Alice);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));
        Assert.True(world.Emr.RemoveMapping(ScenarioWorld.StudioId, world.Alice));

        var updated = AssertSucceeded(await session.SendAsync(
            world.Events.Update(created.PhysicalResourceId!, world.PropertiesByName(world.Alice, ScenarioWorld.OtherPolicyArn), properties)));

        Assert.Equal(created.PhysicalResourceId, updated.PhysicalResourceId);
        Assert.Equal(ScenarioWorld.OtherPolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);
    }

    [Fact]
    public async Task Update_RollbackWithPropertiesSwapped_RestoresTheOldPolicyUnderTheSameId()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var before = world.PropertiesByName(world.DataScientists);
        var after = world.PropertiesByName(world.DataScientists, ScenarioWorld.OtherPolicyArn);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(before)));
        AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, after, before)));

        var rolledBack = AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, before, after)));

        Assert.Equal(created.PhysicalResourceId, rolledBack.PhysicalResourceId);
        Assert.Equal(ScenarioWorld.PolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);
        Assert.Equal(2, world.Emr.CountOf("UpdateStudioSessionMapping"));
    }

    [Fact]
    public async Task Update_ReplacementWhoseMappingExistsAlready_FailsWithTheIncomingIdAndLeavesBothUntouched()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var old = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(old)));
        world.Emr.PutMapping(ScenarioWorld.StudioId, world.Analysts, ScenarioWorld.OtherPolicyArn);

        var answer = AssertFailed(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, world.PropertiesByName(world.Analysts), old)));

        Assert.Equal(created.PhysicalResourceId, answer.PhysicalResourceId);
        Assert.Contains("already exists", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("UPDATE_IN_PROGRESS, not rolling back", answer.Reason, StringComparison.Ordinal);
        Assert.Single(world.CloudFormation.Requests);
        Assert.Equal(0, world.Emr.CountOf("DeleteStudioSessionMapping"));
        Assert.Equal(ScenarioWorld.OtherPolicyArn, world.Emr.Mappings.Single(mapping => mapping.IdentityId == world.Analysts.Id).SessionPolicyArn);
        Assert.Contains(world.Emr.Mappings, mapping => mapping.IdentityId == world.DataScientists.Id);
    }

    [Fact]
    public async Task Update_ReplacementAnswerUndeliverable_DeletesTheNewMappingAndKeepsTheOld()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var old = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(old)));
        var replacing = world.Events.Update(created.PhysicalResourceId!, world.PropertiesByName(world.Analysts), old);
        world.Receiver.FailForever(replacing.ResponseUrl!, 500);

        // A real deadline: the PUT is refused until the answer's time ends, 9 s in, and the undo then has the last
        // 950 ms (half the answer's share, less 50 ms) for one loopback delete of a few milliseconds, so a machine ten
        // times slower still undoes in time. A longer deadline would buy the undo little (its share grows with a
        // tenth of the deadline) for much more waiting.
        var exchange = await session.SendAsync(replacing, TimeSpan.FromSeconds(10));

        Assert.True(exchange.Result.IsError, "an undelivered answer must fail the invocation");
        Assert.Empty(exchange.Answers);
        Assert.True(
            world.Emr.Mappings.Count == 1 && world.Emr.Mappings[0].IdentityId == world.DataScientists.Id,
            "the new mapping was left behind or the old one removed. Handler output:\n" + session.Runner.Output);
    }

    [Theory]
    [InlineData("unknown property", "Colour")]
    [InlineData("missing property", "SessionPolicyArn")]
    [InlineData("both identities", "IdentityId|IdentityName")]
    [InlineData("neither identity", "IdentityId|IdentityName")]
    [InlineData("bad enum", "IdentityType")]
    [InlineData("bad studio id", "StudioId")]
    [InlineData("bad policy ARN", "SessionPolicyArn")]
    [InlineData("257 characters", "IdentityName")]
    [InlineData("control characters", "IdentityName")]
    public async Task Create_InvalidProperties_FailsNamingThePropertyWithoutCallingEmr(string breach, string property)
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        Break(properties, breach, world.DataScientists);

        var answer = AssertFailed(await session.SendAsync(world.Events.Create(properties)));

        Assert.StartsWith(SentinelPrefix, answer.PhysicalResourceId, StringComparison.Ordinal);
        Assert.Contains(property + ":", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Requests);
    }

    [Theory]
    [InlineData("bad enum", "IdentityType")]
    [InlineData("control characters", "IdentityName")]
    public async Task Update_InvalidProperties_FailsWithTheIncomingIdWithoutCallingEmr(string breach, string property)
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));
        var requestsBefore = world.Emr.Requests.Count;
        var broken = world.PropertiesByName(world.DataScientists);
        Break(broken, breach, world.DataScientists);

        var answer = AssertFailed(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, broken, properties)));

        Assert.Equal(created.PhysicalResourceId, answer.PhysicalResourceId);
        Assert.Contains(property + ":", answer.Reason, StringComparison.Ordinal);
        Assert.Equal(requestsBefore, world.Emr.Requests.Count);
    }

    [Fact]
    public async Task Delete_MappingAlreadyGone_Succeeds()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var id = MappingIdOf(world.Alice);

        var answer = AssertSucceeded(await session.SendAsync(world.Events.Delete(id, world.PropertiesByName(world.Alice))));

        Assert.Equal(id, answer.PhysicalResourceId);
        Assert.Equal(1, world.Emr.CountOf("DeleteStudioSessionMapping"));
        AssertNoRejections(session);
    }

    [Theory]
    [InlineData("%01")]
    [InlineData("%00")]
    [InlineData("alice%1Bsmith")]
    [InlineData("%EF%BF%BF")]
    public async Task Delete_IdNamingAnIdentityEmrCannotHold_SucceedsWithoutARequestEmrWouldReject(string encodedIdentity)
    {
        await using var session = await StartAsync();
        var world = session.World;
        // Reads back as a mapping id, but EMR's API refuses such an identity: no mapping of ours can carry it.
        var id = $"emrstudio:{ScenarioWorld.StudioId}/USER/{encodedIdentity}";

        var answer = AssertSucceeded(await session.SendAsync(world.Events.Delete(id, world.PropertiesByName(world.Alice))));

        Assert.Equal(id, answer.PhysicalResourceId);
        AssertNoRejections(session);
    }

    [Fact]
    public async Task Delete_StudioAlreadyGone_Succeeds()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));
        world.Emr.RemoveStudio(ScenarioWorld.StudioId);

        var answer = AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, properties)));

        Assert.Equal(created.PhysicalResourceId, answer.PhysicalResourceId);
        Assert.Equal(1, world.Emr.CountOf("DeleteStudioSessionMapping"));
    }

    [Fact]
    public async Task Delete_PrincipalRemovedFromIdentityCenter_SucceedsSoTheStackCanBeDeleted()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));
        world.Emr.RemoveIdentity(world.DataScientists.Id);

        var answer = AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, properties)));

        Assert.Equal(created.PhysicalResourceId, answer.PhysicalResourceId);
        Assert.Equal(1, world.Emr.CountOf("DeleteStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_MappingExistsAlready_FailsWithASentinelWhoseRollbackDeleteKeepsTheMapping()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.PutMapping(ScenarioWorld.StudioId, world.DataScientists, ScenarioWorld.OtherPolicyArn);
        var properties = world.PropertiesByName(world.DataScientists);

        var failed = AssertFailed(await session.SendAsync(world.Events.Create(properties)));

        Assert.StartsWith(SentinelPrefix, failed.PhysicalResourceId, StringComparison.Ordinal);
        Assert.Contains("already exists", failed.Reason, StringComparison.Ordinal);

        var rollback = AssertSucceeded(await session.SendAsync(world.Events.Delete(failed.PhysicalResourceId!, properties)));

        Assert.Equal(failed.PhysicalResourceId, rollback.PhysicalResourceId);
        Assert.Equal(0, world.Emr.CountOf("DeleteStudioSessionMapping"));
        Assert.Equal(ScenarioWorld.OtherPolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);
    }

    [Fact]
    public async Task Create_FirstAttemptAppliedButItsAnswerLost_AdoptsTheMappingItMade()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.FailNext("CreateStudioSessionMapping", 1, FakeEmrFault.DropAfterApplying);

        var answer = AssertSucceeded(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));

        Assert.Equal(MappingIdOf(world.DataScientists), answer.PhysicalResourceId);
        Assert.Equal(2, world.Emr.CountOf("CreateStudioSessionMapping"));
        Assert.Equal(ScenarioWorld.PolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);
    }

    [Fact]
    public async Task Create_ReadingTheMappingBackRefused_DeletesItAgainAndFails()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.FailNext("GetStudioSessionMapping", 1, new FakeEmrError(400, "AccessDeniedException", "User is not authorized to perform: elasticmapreduce:GetStudioSessionMapping"));

        var answer = AssertFailed(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));

        Assert.StartsWith(SentinelPrefix, answer.PhysicalResourceId, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", answer.Reason, StringComparison.Ordinal);
        Assert.Equal(1, world.Emr.CountOf("DeleteStudioSessionMapping"));
        Assert.Empty(world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_UnknownRequestType_Fails()
    {
        await using var session = await StartAsync();
        var world = session.World;

        var answer = AssertFailed(await session.SendAsync(
            world.Events.Build("Upsert", world.PropertiesByName(world.Alice), CustomResourceEventBuilder.DefaultLogicalResourceId, null, null)));

        Assert.Contains("Upsert", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Requests);
    }

    [Fact]
    public async Task Lifecycle_SixtyPercentOfEmrCallsThrottled_StillSucceeds()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.ThrottleFraction = 0.6;
        var properties = world.PropertiesByName(world.DataScientists);

        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties), TimeSpan.FromSeconds(15)));
        var deleted = AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, properties), TimeSpan.FromSeconds(15)));

        Assert.Equal(created.PhysicalResourceId, deleted.PhysicalResourceId);
        Assert.Empty(world.Emr.Mappings);
        Assert.True(world.Emr.Requests.Count > 3, $"only {world.Emr.Requests.Count} requests: the throttling did not happen");
    }

    [Fact]
    public async Task Create_EmrDownUntilTheDeadline_AnswersFailedBeforeTheDeadline()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.Down = true;
        // A real deadline: EMR answers 503 at once, so the provider retries until its time (6 s) and its clean-up
        // allowance (2 s) run out, and the handler answers FAILED by then. The PUT then has 1.75 s, until 250 ms
        // before the deadline, for one loopback request of a few milliseconds: a machine ten times slower still
        // answers in time. That is what is checked, against the deadline the handler was given.
        var deadline = TimeSpan.FromSeconds(10);
        var sent = DateTimeOffset.UtcNow;

        var properties = world.PropertiesByName(world.DataScientists);

        var answer = AssertFailed(await session.SendAsync(world.Events.Create(properties), deadline));

        Assert.True(answer.ReceivedAt < sent + deadline, $"answered at +{(answer.ReceivedAt - sent).TotalMilliseconds:0} ms, after the {deadline} deadline");
        Assert.Empty(world.Emr.Mappings);
        // Whichever layer gave up first names the failure; either way the id names no mapping and the rollback
        // Delete touches nothing, even once EMR is back.
        Assert.DoesNotContain("emrstudio:", answer.PhysicalResourceId, StringComparison.Ordinal);
        world.Emr.Down = false;
        var requestsBefore = world.Emr.Requests.Count;
        var rollback = AssertSucceeded(await session.SendAsync(world.Events.Delete(answer.PhysicalResourceId!, properties)));
        Assert.Equal(answer.PhysicalResourceId, rollback.PhysicalResourceId);
        Assert.Equal(requestsBefore, world.Emr.Requests.Count);
    }

    [Fact]
    public async Task Create_ResponseUrlFailsTwiceThenWorks_DeliversExactlyOneAnswer()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var created = world.Events.Create(world.PropertiesByName(world.DataScientists));
        world.Receiver.FailNext(created.ResponseUrl!, 2);

        AssertSucceeded(await session.SendAsync(created));

        Assert.Equal(1, world.Receiver.AcceptedCount(created.ResponseUrl!));
        Assert.Equal(3, world.Receiver.AttemptCount(created.ResponseUrl!));
        Assert.Single(world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_ResponseUrlFailsForGood_DeletesTheCreatedMappingAgain()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var created = world.Events.Create(world.PropertiesByName(world.DataScientists));
        world.Receiver.FailForever(created.ResponseUrl!, 403);

        // A real deadline: the PUT is refused until the answer's time ends, 9 s in, and the undo then has the last
        // 950 ms (half the answer's share, less 50 ms) for one loopback delete of a few milliseconds, so a machine ten
        // times slower still undoes in time. A longer deadline would buy the undo little (its share grows with a
        // tenth of the deadline) for much more waiting.
        var exchange = await session.SendAsync(created, TimeSpan.FromSeconds(10));

        Assert.True(exchange.Result.IsError, "an undelivered answer must fail the invocation");
        Assert.Empty(exchange.Answers);
        Assert.Empty(exchange.Violations);
        Assert.Equal(1, world.Emr.CountOf("CreateStudioSessionMapping"));
        Assert.True(world.Emr.Mappings.Count == 0, "the mapping was left behind. Handler output:\n" + session.Runner.Output);
        Assert.False(session.Runner.HasExited);
    }

    [Fact]
    public async Task Create_EmrErrorOf5000Characters_AnswerStaysWithin4096Bytes()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var message = string.Concat(Enumerable.Repeat("Ünïcödé 数据 — the studio refused this mapping. ", 200))[..5000];
        world.Emr.FailNext("CreateStudioSessionMapping", 1, new FakeEmrError(400, EmrErrors.TypeNamespace + EmrErrors.InvalidRequest, message));

        var answer = AssertFailed(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));

        Assert.InRange(answer.BodyBytes, 1, ResponseUrlReceiver.MaxBodyBytes);
        Assert.Contains("Ünïcödé 数据", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Mappings);
    }

    [Fact]
    public async Task Lifecycle_NonAsciiPrincipalNames_RoundTripIntact()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var user = world.PropertiesByName(world.NonAsciiUser);
        var group = world.PropertiesByName(world.NonAsciiGroup);

        var userAnswer = AssertSucceeded(await session.SendAsync(world.Events.Create(user, "NonAsciiUser")));
        var groupAnswer = AssertSucceeded(await session.SendAsync(world.Events.Create(group, "NonAsciiGroup")));

        AssertAttributes(session, userAnswer, world.NonAsciiUser, ScenarioWorld.PolicyArn);
        AssertAttributes(session, groupAnswer, world.NonAsciiGroup, ScenarioWorld.PolicyArn);
        Assert.Equal(
            new[] { world.NonAsciiUser.Name, world.NonAsciiGroup.Name }.Order(StringComparer.Ordinal),
            world.Emr.Mappings.Select(mapping => mapping.IdentityName).Order(StringComparer.Ordinal));

        AssertSucceeded(await session.SendAsync(world.Events.Delete(userAnswer.PhysicalResourceId!, user, "NonAsciiUser")));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(groupAnswer.PhysicalResourceId!, group, "NonAsciiGroup")));
        Assert.Empty(world.Emr.Mappings);
        AssertNoRejections(session);
    }

    [Fact]
    public async Task MalformedEvents_NotJsonOrWithoutResponseUrl_ReportErrorsAndTheNextEventWorks()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var noUrl = JsonNode.Parse(world.Events.Create(world.PropertiesByName(world.Alice)).Body)!.AsObject();
        noUrl.Remove("ResponseURL");

        var garbage = await session.SendAsync(CustomResourceEventBuilder.Unanswerable("this is not JSON {"));
        var withoutUrl = await session.SendAsync(CustomResourceEventBuilder.Unanswerable(noUrl.ToJsonString()));
        var valid = await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists)));

        Assert.True(garbage.Result.IsError);
        Assert.True(withoutUrl.Result.IsError);
        Assert.Equal("MalformedEventException", JsonDocument.Parse(withoutUrl.Result.Body).RootElement.GetProperty("errorType").GetString());
        AssertSucceeded(valid);
        Assert.Empty(world.Receiver.Violations);
        Assert.False(session.Runner.HasExited);
    }

    [Fact]
    public async Task Logs_AfterSuccessesFailuresAndRetries_NeverShowSignaturesOrCredentials()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        var retried = world.Events.Create(properties);
        world.Receiver.FailNext(retried.ResponseUrl!, 1);
        var created = AssertSucceeded(await session.SendAsync(retried));
        var invalid = world.Events.Create(world.PropertiesByName(world.Alice, "not-an-arn"), "Invalid");
        AssertFailed(await session.SendAsync(invalid));
        var noStackId = JsonNode.Parse(world.Events.Create(properties, "NoStack").Body)!.AsObject();
        noStackId.Remove("StackId");
        var malformed = CustomResourceEventBuilder.Unanswerable(noStackId.ToJsonString());
        Assert.True((await session.SendAsync(malformed)).Result.IsError);
        var deleted = world.Events.Delete(created.PhysicalResourceId!, properties);
        AssertSucceeded(await session.SendAsync(deleted));

        var output = session.Runner.Output;
        Assert.NotEmpty(output);
        foreach (var url in new[] { retried.ResponseUrl!, invalid.ResponseUrl!, deleted.ResponseUrl!, noStackId["ResponseURL"]!.GetValue<string>() })
        {
            Assert.DoesNotContain(world.Receiver.SignatureOf(url), output, StringComparison.Ordinal);
            Assert.DoesNotContain(new Uri(url).Query, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("X-Amz-Signature=", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(FakeEmr.SecretAccessKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(ScenarioWorld.SessionToken, output, StringComparison.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Lifecycle_OverHttpsTrustedThroughSslCertFile_Works()
    {
        await using var session = await StartAsync(ScenarioTransport.TrustedHttps);
        var world = session.World;
        Assert.Equal(Uri.UriSchemeHttps, world.Emr.BaseAddress.Scheme);
        Assert.Equal(Uri.UriSchemeHttps, world.Receiver.BaseAddress.Scheme);
        var properties = world.PropertiesByName(world.DataScientists);

        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));
        var newProperties = world.PropertiesByName(world.DataScientists, ScenarioWorld.OtherPolicyArn);
        AssertSucceeded(await session.SendAsync(world.Events.Update(created.PhysicalResourceId!, newProperties, properties)));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, newProperties)));

        Assert.Empty(world.Emr.Mappings);
        Assert.Equal(1, world.Emr.CountOf("UpdateStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_EmrCertificateNotTrusted_AnswersFailedAndKeepsRunning()
    {
        await using var session = await StartAsync(ScenarioTransport.UntrustedHttps);
        var world = session.World;

        var first = AssertFailed(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));
        var second = AssertFailed(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.Alice), "Alice")));

        Assert.StartsWith(SentinelPrefix, first.PhysicalResourceId, StringComparison.Ordinal);
        Assert.StartsWith(SentinelPrefix, second.PhysicalResourceId, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Requests);
        Assert.False(session.Runner.HasExited);
    }

    [Fact]
    public async Task Runtime_RuntimeApiAnswers500_ExitsNonZero()
    {
        await using var session = await StartAsync();
        var world = session.World;
        AssertSucceeded(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));

        world.Runtime.AnswerServerErrors();
        var exitCode = await session.Runner.WaitForExitAsync(ExitWait);

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Startup_SslCertFileUnreadable_ReportsAnInitErrorAndExitsNonZero()
    {
        await using var session = await StartAsync(
            adjustEnvironment: environment => environment["SSL_CERT_FILE"] = "/nonexistent/emrstudio-test-ca.pem");

        var exitCode = await session.Runner.WaitForExitAsync(ExitWait);

        Assert.NotEqual(0, exitCode);
        var initError = Assert.Single(session.World.Runtime.InitErrors);
        Assert.Contains("SSL_CERT_FILE", initError.Body, StringComparison.Ordinal);
        // A sentence that names the cause, not a resource key of the trimmed runtime.
        Assert.Contains("there is no such file", initError.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("IO_FileNotFound", initError.Body, StringComparison.Ordinal);
        Assert.Empty(session.World.Runtime.Results);
    }

    [Fact]
    public async Task Startup_NoRegion_ReportsAnInitErrorNamingTheVariablesAndExitsNonZero()
    {
        await using var session = await StartAsync(adjustEnvironment: environment =>
        {
            environment.Remove("AWS_REGION");
            environment.Remove("AWS_DEFAULT_REGION");
        });

        var exitCode = await session.Runner.WaitForExitAsync(ExitWait);

        Assert.NotEqual(0, exitCode);
        var initError = Assert.Single(session.World.Runtime.InitErrors);
        Assert.Contains("AWS_REGION", initError.Body, StringComparison.Ordinal);
        Assert.Empty(session.World.Runtime.Results);
    }

    protected async Task<ScenarioSession> StartAsync(
        ScenarioTransport transport = ScenarioTransport.PlainHttp, Action<Dictionary<string, string>>? adjustEnvironment = null) =>
        await ScenarioSession.StartAsync(CreateRunner(), transport, adjustEnvironment);

    private static void AssertAttributes(ScenarioSession session, ReceivedAnswer answer, FakeIdentity identity, string policyArn)
    {
        var data = answer.Data ?? throw new Xunit.Sdk.XunitException("the answer has no Data");
        Assert.Equal(ScenarioWorld.StudioId, data["StudioId"]);
        Assert.Equal(identity.IdentityType, data["IdentityType"]);
        Assert.Equal(identity.Id, data["IdentityId"]);
        Assert.Equal(identity.Name, data["IdentityName"]);
        Assert.Equal(policyArn, data["SessionPolicyArn"]);
        var creationTime = DateTimeOffset.ParseExact(
            data["CreationTime"], ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        // The creation time EMR keeps for the mapping, in whole seconds, whenever the scenario ran.
        var mapping = session.World.Emr.Mappings.Single(mapping => mapping.IdentityId == identity.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(mapping.CreationTime)), creationTime);
    }

    private static void AssertNoRejections(ScenarioSession session) =>
        Assert.True(
            session.World.Emr.Rejections.Count == 0,
            "EMR would have rejected: " + string.Join("; ", session.World.Emr.Rejections.Select(rejection => $"{rejection.Request.Operation}: {rejection.ErrorType} {rejection.Message}")));

    private static void Break(JsonObject properties, string breach, FakeIdentity identity)
    {
        switch (breach)
        {
            case "unknown property":
                properties["Colour"] = "blue";
                break;
            case "missing property":
                properties.Remove("SessionPolicyArn");
                break;
            case "both identities":
                properties["IdentityId"] = identity.Id;
                break;
            case "neither identity":
                properties.Remove("IdentityName");
                break;
            case "bad enum":
                properties["IdentityType"] = "ROLE";
                break;
            case "bad studio id":
                properties["StudioId"] = "es-lowercase0123";
                break;
            case "bad policy ARN":
                properties["SessionPolicyArn"] = "arn:aws:iam::123456789012:role/EmrStudioDataScientist";
                break;
            case "257 characters":
                properties["IdentityName"] = new string('a', 257);
                break;
            case "control characters":
                properties["IdentityName"] = "data\u0007scientists";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breach), breach, "no such breach");
        }
    }
}
