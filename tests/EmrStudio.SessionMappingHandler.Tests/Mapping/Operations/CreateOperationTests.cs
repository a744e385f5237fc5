using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

public sealed class CreateOperationTests
{
    private const string Sentinel = "emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001";

    private readonly MappingWorld _world = new();

    [Fact]
    public async Task Create_ByName_AnswersCanonicalIdAndAllAttributes()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(MappingWorld.GroupMappingId, outcome.PhysicalResourceId);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["StudioId"] = MappingWorld.Studio,
                ["IdentityType"] = "GROUP",
                ["IdentityId"] = MappingWorld.GroupId,
                ["IdentityName"] = MappingWorld.GroupName,
                ["SessionPolicyArn"] = MappingWorld.Policy,
                ["CreationTime"] = "2026-11-24T05:00:00Z",
            },
            outcome.Data);
        Assert.Equal([InMemoryEmrClient.Create, InMemoryEmrClient.Get], _world.Emr.Calls);
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
    }

    [Fact]
    public async Task Create_ById_FillsIdentityNameAttribute()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ById(MappingWorld.UserId, "USER")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal($"emrstudio:{MappingWorld.Studio}/USER/{MappingWorld.UserId}", outcome.PhysicalResourceId);
        Assert.Equal(MappingWorld.UserName, outcome.Data!["IdentityName"]);
        Assert.Equal(MappingWorld.UserId, outcome.Data["IdentityId"]);
    }

    [Fact]
    public async Task Create_ByNameAndById_NameTheSameResource()
    {
        var byName = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));
        _world.Emr.RemoveOutOfBand(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);
        var byId = await _world.SendAsync(MappingEvents.Create(MappingEvents.ById(MappingWorld.GroupId)));

        Assert.Equal(byName.PhysicalResourceId, byId.PhysicalResourceId);
    }

    [Fact]
    public async Task Create_InvalidProperties_FailsWithSentinelWithoutEmrCall()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.Properties(studioId: "abc", identityType: "ROLE")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Equal(
            "Invalid properties: IdentityType: must be USER or GROUP (got 'ROLE'); StudioId: must match ^es-[0-9A-Z]+$ (got 'abc')",
            outcome.Reason);
        Assert.Empty(_world.Emr.Calls);
        Assert.Null(outcome.UndoIfUndelivered);
    }

    [Fact]
    public async Task Create_ResourcePropertiesMissing_FailsWithSentinel()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(null));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("ResourceProperties: must be a JSON object", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MappingAlreadyExists_FailsWithSentinelAndRollbackDeleteLeavesItUntouched()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));
        var rollback = await _world.SendAsync(MappingEvents.Delete(outcome.PhysicalResourceId));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("already exists and was left untouched", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Success, rollback.Status);
        Assert.Equal(Sentinel, rollback.PhysicalResourceId);
        Assert.Empty(_world.Emr.Calls);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Create_StudioMissing_FailsWithSentinelAndEmrMessage()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, studioId: "es-MISSING")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains($"{EmrErrors.InvalidRequest}: {EmrErrors.StudioNotFound}", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownIdentityName_FailsWithSentinel()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName("nobody")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("GROUP name 'nobody'", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InternalError_FailsWithSentinelAndCreatesNothing()
    {
        _world.Emr.FailNext(InMemoryEmrClient.Create, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("InternalServerError", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_ReadBackFails_DeletesTheNewMappingAndFailsWithSentinel()
    {
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("was created, but reading it back failed", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("it was deleted again", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Mappings);
        Assert.Equal([InMemoryEmrClient.Create, InMemoryEmrClient.Get, InMemoryEmrClient.Delete], _world.Emr.Calls);
        Assert.Equal(true, outcome.LogFields!["compensatingDelete"]);
    }

    [Fact]
    public async Task Create_ReadBackAndCompensatingDeleteFail_ReasonAndLogSayDeleteByHand()
    {
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);
        _world.Emr.FailNext(InMemoryEmrClient.Delete, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("deleting it again also failed", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("by hand", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(_world.Log.Lines, line => line.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Create_DeadlineDuringReadBack_StillDeletesTheNewMapping()
    {
        using var deadline = new CancellationTokenSource();
        _world.Emr.BeforeCall = operation =>
        {
            if (operation == InMemoryEmrClient.Get)
            {
                deadline.Cancel();
            }
        };

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)), deadline.Token);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("ran out", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_DeadlineBeforeStart_FailsWithSentinelWithoutThrowing()
    {
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)), deadline.Token);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_Succeeded_UndoIfUndeliveredDeletesTheNewMapping()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        await outcome.UndoIfUndelivered!(CancellationToken.None);

        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_UndoWhenAlreadyGone_Succeeds()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));
        _world.Emr.RemoveOutOfBand(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);

        await outcome.UndoIfUndelivered!(CancellationToken.None);

        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_AlreadyExistsAfterOurOwnUnansweredAttempt_AdoptsIt()
    {
        _world.Emr.LoseNextCreateAnswer = true;

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(MappingWorld.GroupMappingId, outcome.PhysicalResourceId);
        Assert.Equal(MappingWorld.GroupName, outcome.Data!["IdentityName"]);
        Assert.NotNull(outcome.UndoIfUndelivered);
        Assert.Equal("adopted-own-attempt", outcome.LogFields!["mappingAction"]);
        Assert.Equal([InMemoryEmrClient.Create, InMemoryEmrClient.Get], _world.Emr.Calls);
    }

    [Fact]
    public async Task Create_AlreadyExistsAfterUnansweredAttemptButOlder_FailsAndLeavesItUntouched()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.Policy, MappingWorld.Start.AddHours(-1));
        _world.Emr.FailNext(InMemoryEmrClient.Create, UnconfirmedAlreadyExists);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
        Assert.DoesNotContain(InMemoryEmrClient.Delete, _world.Emr.Calls);
    }

    [Fact]
    public async Task Create_AlreadyExistsAfterUnansweredAttemptWithinSkew_Adopts()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.Policy, MappingWorld.Start.AddSeconds(-5));
        _world.Emr.FailNext(InMemoryEmrClient.Create, UnconfirmedAlreadyExists);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task Create_AlreadyExistsAfterUnansweredAttemptWithOtherPolicy_FailsAndLeavesItUntouched()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);
        _world.Emr.FailNext(InMemoryEmrClient.Create, UnconfirmedAlreadyExists);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Create_AlreadyExistsAfterUnansweredAttemptAndReadFails_FailsWithoutDeleting()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.Policy);
        _world.Emr.FailNext(InMemoryEmrClient.Create, UnconfirmedAlreadyExists);
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
    }

    private static EmrException UnconfirmedAlreadyExists() =>
        new(400, EmrErrors.InvalidRequest, EmrErrors.MappingAlreadyExists) { AfterUnconfirmedAttempt = true };

    [Fact]
    public async Task Create_AnswerLostAfterCommit_DeletesTheMappingAndFailsWithSentinel()
    {
        _world.Emr.LoseNextAnswer(InMemoryEmrClient.Create, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("the attempt had created the mapping after all; it was deleted again", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_DeadlineAfterCommit_StillDeletesTheMapping()
    {
        _world.Emr.LoseNextAnswer(InMemoryEmrClient.Create, () => new OperationCanceledException());

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_DefiniteRefusal_DoesNotLookForALeftover()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ById("1a2b3c4d-1111-2222-3333-444455556666")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains(EmrErrors.IdentityIdInvalid, outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([InMemoryEmrClient.Create], _world.Emr.Calls);
    }

    [Fact]
    public async Task Create_AnswerLostAndCheckFails_ReasonSaysOutcomeUnknown()
    {
        _world.Emr.LoseNextAnswer(InMemoryEmrClient.Create, InMemoryEmrClient.InternalError);
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("whether the attempt created the mapping is unknown", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DeadlineDuringCompensatingDelete_StillDeletesTheNewMapping()
    {
        using var deadline = new CancellationTokenSource();
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);
        _world.Emr.BeforeCall = operation =>
        {
            if (operation == InMemoryEmrClient.Delete)
            {
                deadline.Cancel();
            }
        };

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)), deadline.Token);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("it was deleted again", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Create_ThrottledAfterAnUnansweredAttemptThatCommitted_DeletesTheMapping()
    {
        _world.Emr.LoseNextAnswer(
            InMemoryEmrClient.Create,
            () => new EmrException(400, EmrErrors.Throttling, EmrErrors.RateExceeded) { AfterUnconfirmedAttempt = true });

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Empty(_world.Emr.Mappings);
    }
}
