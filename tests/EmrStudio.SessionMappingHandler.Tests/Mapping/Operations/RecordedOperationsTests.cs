using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.TestDoubles.MappingWorld;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

/// <summary>
/// The desired-state record across each event and each point where an event can fail: the record must end up naming
/// exactly what EMR has and CloudFormation accepted, or, where a failure leaves them apart, err on the side that a
/// reconcile can never re-create what a Delete removed nor restore a policy an update replaced.
/// </summary>
public sealed class RecordedOperationsTests
{
    private const string StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/11111111-2222-3333-4444-555555555555";
    private const string LogicalId = "DataScientists";

    private readonly MappingWorld _world = new(withRecords: true);
    private int _events;

    private InMemoryMappingRecords Records => _world.Records!;

    private MappingRecord? Record => Records.Find(StackId, LogicalId);

    [Fact]
    public async Task Create_Succeeds_RecordsTheMappingItsPrincipalAndTheAnswer()
    {
        var outcome = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        var record = Assert.IsType<MappingRecord>(Record);
        Assert.Equal(RecordState.Active, record.State);
        Assert.Equal(GroupMappingId, record.PhysicalResourceId);
        Assert.Equal(new DesiredMapping(Studio, null, "GROUP", GroupId, GroupName, Policy), record.Desired);
        Assert.Equal(outcome.Data, record.History.Single().Data);
        Assert.Equal("written", outcome.LogFields!["record"]);
    }

    [Fact]
    public async Task Create_DeliveredTwice_SecondGetsTheSameAnswerWithoutAnEmrCall()
    {
        var create = Next(MappingEvents.Create(MappingEvents.ByName(GroupName)));
        var first = await _world.SendAsync(create);

        var second = await _world.SendAsync(create);

        Assert.Empty(_world.Emr.Calls);
        Assert.Equal((first.Status, first.PhysicalResourceId, first.Reason), (second.Status, second.PhysicalResourceId, second.Reason));
        Assert.Equal(first.Data, second.Data);
        Assert.Equal("replayed", second.LogFields!["record"]);
        Assert.Equal("replayed", second.LogFields["mappingAction"]);
    }

    [Fact]
    public async Task Create_RedeliveredAfterItsDelete_CreatesNothing()
    {
        var create = Next(MappingEvents.Create(MappingEvents.ByName(GroupName)));
        var id = (await _world.SendAsync(create)).PhysicalResourceId;
        await SendAsync(MappingEvents.Delete(id));

        var again = await _world.SendAsync(create);

        Assert.Empty(_world.Emr.Calls);
        Assert.Empty(_world.Emr.Mappings);
        Assert.Equal(RecordState.Deleted, Record!.State);
        Assert.Equal("replayed", again.LogFields!["record"]);
    }

    [Fact]
    public async Task Create_IssuedBeforeTheResourcesDeleteButNeverSeen_IsStaleAndCreatesNothing()
    {
        var lateCreate = MappingEvents.Issued(MappingEvents.Create(MappingEvents.ByName(GroupName)), "never-seen", Start);
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        await SendAsync(MappingEvents.Delete(id));

        var outcome = await _world.SendAsync(lateCreate);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Record: this event was issued before the resource's last event (Delete ", outcome.Reason, StringComparison.Ordinal);
        Assert.True(PhysicalResourceIds.IsFailedCreate(outcome.PhysicalResourceId));
        Assert.Empty(_world.Emr.Calls);
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Update_OlderUpdateRedeliveredAfterANewerOne_KeepsTheNewerPolicy()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        var toOther = Next(MappingEvents.Update(id, MappingEvents.ByName(GroupName, policy: OtherPolicy)));
        await _world.SendAsync(toOther);
        await SendAsync(MappingEvents.Update(id, MappingEvents.ByName(GroupName, policy: Policy)));

        var again = await _world.SendAsync(toOther);

        Assert.Equal(ResponseStatus.Success, again.Status);
        Assert.Empty(_world.Emr.Calls);
        Assert.Equal(Policy, _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn);
        Assert.Equal(Policy, Record!.Desired!.SessionPolicyArn);
    }

    [Fact]
    public async Task AnyEvent_RecordCannotBeRead_FailsWithoutAnEmrCall()
    {
        Records.FailNextRead(InMemoryMappingRecords.Unavailable());

        var outcome = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Record: could not be read: InternalServerError", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Calls);
    }

    [Fact]
    public async Task Create_RecordCannotBeWritten_DeletesTheNewMappingAndFails()
    {
        Records.FailNextWrite(InMemoryMappingRecords.Unavailable());

        var outcome = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Record: could not be written (InternalServerError", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("what this event did in EMR was undone", outcome.Reason, StringComparison.Ordinal);
        Assert.True(PhysicalResourceIds.IsFailedCreate(outcome.PhysicalResourceId));
        Assert.Empty(_world.Emr.Mappings);
        Assert.Equal(RecordState.Deleted, Record!.State);
    }

    [Fact]
    public async Task Update_ReplacementRecordCannotBeWritten_DeletesTheNewMappingAndKeepsTheOld()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        Records.FailNextWrite(InMemoryMappingRecords.Unavailable());

        var outcome = await SendAsync(MappingEvents.Update(id, MappingEvents.ByName(OtherGroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal([GroupId], _world.Emr.Mappings.Select(m => m.IdentityId));
        Assert.Equal(id, Record!.PhysicalResourceId);
        Assert.Equal(RecordState.Active, Record.State);
    }

    [Fact]
    public async Task Update_PolicyRecordCannotBeWritten_LeavesThePolicyAndFails()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        Records.FailNextWrite(InMemoryMappingRecords.Unavailable());

        var outcome = await SendAsync(MappingEvents.Update(id, MappingEvents.ByName(GroupName, policy: OtherPolicy)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Record: could not be written", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(InMemoryEmrClient.Update, _world.Emr.Calls);
        Assert.Equal(Policy, _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn);
        Assert.Equal(Policy, Record!.Desired!.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_EmrRefusesTheNewPolicy_PutsTheOldPolicyBackInTheRecord()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        _world.Emr.FailNext(InMemoryEmrClient.Update, InMemoryEmrClient.InternalError);

        var outcome = await SendAsync(MappingEvents.Update(id, MappingEvents.ByName(GroupName, policy: OtherPolicy)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Policy, Record!.Desired!.SessionPolicyArn);
        Assert.Equal(ResponseStatus.Failed, Record.History[0].Status);
        Assert.Equal("reverted", outcome.LogFields!["record"]);
    }

    [Fact]
    public async Task Update_PolicyChanged_IsRecordedBeforeEmrHasIt()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        string? recordedWhenEmrWasCalled = null;
        _world.Emr.BeforeCall = operation =>
        {
            if (operation == InMemoryEmrClient.Update)
            {
                recordedWhenEmrWasCalled = Record!.Desired!.SessionPolicyArn;
            }
        };

        await SendAsync(MappingEvents.Update(id, MappingEvents.ByName(GroupName, policy: OtherPolicy)));

        Assert.Equal(OtherPolicy, recordedWhenEmrWasCalled);
        Assert.Equal(OtherPolicy, Record!.Desired!.SessionPolicyArn);
    }

    [Fact]
    public async Task Delete_TombstoneCannotBeWritten_LeavesTheMappingAndFails()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        Records.FailNextWrite(InMemoryMappingRecords.Unavailable());

        var outcome = await SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Record: could not be written", outcome.Reason, StringComparison.Ordinal);
        Assert.Single(_world.Emr.Mappings);
        Assert.Equal(RecordState.Active, Record!.State);
    }

    [Fact]
    public async Task Delete_Succeeds_TombstoneExistsBeforeEmrIsCalledAndExpiresAfterTheLongestEventAge()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        RecordState? stateWhenEmrWasCalled = null;
        _world.Emr.BeforeCall = _ => stateWhenEmrWasCalled = Record!.State;

        await SendAsync(MappingEvents.Delete(id));

        Assert.Equal(RecordState.Deleted, stateWhenEmrWasCalled);
        Assert.Equal(RecordState.Deleted, Record!.State);
        Assert.Equal(_world.Time.GetUtcNow() + TimeSpan.FromSeconds(3600 + 900), Record.ExpiresAt);
    }

    [Fact]
    public async Task Delete_EmrFails_PutsTheActiveRecordBack()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        _world.Emr.FailNext(InMemoryEmrClient.Delete, InMemoryEmrClient.InternalError);

        var outcome = await SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(RecordState.Active, Record!.State);
        Assert.Equal(id, Record.PhysicalResourceId);
        Assert.Null(Record.ExpiresAt);
    }

    [Fact]
    public async Task Delete_ReplacedMappingInCleanup_KeepsTheReplacementActive()
    {
        var oldId = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        var newId = (await SendAsync(MappingEvents.Update(oldId, MappingEvents.ByName(OtherGroupName)))).PhysicalResourceId;

        var cleanup = await SendAsync(MappingEvents.Delete(oldId));

        Assert.Equal(ResponseStatus.Success, cleanup.Status);
        Assert.Equal([OtherGroupId], _world.Emr.Mappings.Select(m => m.IdentityId));
        Assert.Equal(RecordState.Active, Record!.State);
        Assert.Equal(newId, Record.PhysicalResourceId);
    }

    [Fact]
    public async Task Delete_IdThatNamesNoMappingWhileTheRecordNamesOne_TombstonesTheRecord()
    {
        // CloudFormation never accepted the Create the record holds (its answer was lost, and so was the revert).
        var created = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)));
        _world.Emr.RemoveOutOfBand(Studio, "GROUP", GroupId);

        var outcome = await SendAsync(MappingEvents.Delete("DataScientists-1A2B3C4D5E6F"));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(RecordState.Deleted, Record!.State);
        Assert.Equal(created.PhysicalResourceId, Record.PhysicalResourceId);
    }

    [Fact]
    public async Task Create_AnswerUndelivered_UndoDeletesTheMappingThenTheRecord()
    {
        var outcome = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)));

        await outcome.UndoIfUndelivered!(CancellationToken.None);

        Assert.Empty(_world.Emr.Mappings);
        Assert.Null(Record);
    }

    [Fact]
    public async Task Update_InPlaceAnswerUndelivered_UndoPutsTheOldPolicyBackInTheRecord()
    {
        var id = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        var outcome = await SendAsync(MappingEvents.Update(id, MappingEvents.ByName(GroupName, policy: OtherPolicy)));

        await outcome.UndoIfUndelivered!(CancellationToken.None);

        Assert.Equal(Policy, Record!.Desired!.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_RollbackAfterReplacement_RecordsTheRestoredMappingAndCleanupKeepsIt()
    {
        var oldId = (await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)))).PhysicalResourceId;
        var newId = (await SendAsync(MappingEvents.Update(oldId, MappingEvents.ByName(OtherGroupName)))).PhysicalResourceId;
        _world.Stacks.Status = "UPDATE_ROLLBACK_IN_PROGRESS";

        var rollback = await SendAsync(MappingEvents.Update(newId, MappingEvents.ByName(GroupName), MappingEvents.ByName(OtherGroupName)));
        await SendAsync(MappingEvents.Delete(newId));

        Assert.Equal(oldId, rollback.PhysicalResourceId);
        Assert.Equal(RecordState.Active, Record!.State);
        Assert.Equal(oldId, Record.PhysicalResourceId);
        Assert.Equal([GroupId], _world.Emr.Mappings.Select(m => m.IdentityId));
    }

    [Fact]
    public async Task Create_EmrFails_RecordsTheFailureSoThatARedeliveryFailsTheSameWay()
    {
        _world.Emr.FailNext(InMemoryEmrClient.Create, () => InMemoryEmrClient.InvalidRequest("Studio does not exist"));
        var create = Next(MappingEvents.Create(MappingEvents.ByName(GroupName)));
        var first = await _world.SendAsync(create);

        var again = await _world.SendAsync(create);

        Assert.Equal(ResponseStatus.Failed, again.Status);
        Assert.Equal(first.Reason, again.Reason);
        Assert.Equal(first.PhysicalResourceId, again.PhysicalResourceId);
        Assert.Empty(_world.Emr.Calls);
        Assert.Equal(RecordState.Deleted, Record!.State);
    }

    [Fact]
    public async Task AnyEvent_RecordChangedByAnotherDeliveryMeanwhile_FailsAndUndoes()
    {
        _world.Emr.BeforeCall = operation =>
        {
            if (operation == InMemoryEmrClient.Get)
            {
                Records.Seed(new MappingRecord
                {
                    StackId = StackId,
                    LogicalResourceId = LogicalId,
                    State = RecordState.Deleted,
                    LastRequestId = "someone-else",
                    LastRequestType = "Delete",
                    LastIssuedAt = Start,
                    LastActedAt = Start,
                    Version = 7,
                });
            }
        };

        var outcome = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("ConditionalCheckFailedException", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Mappings);
    }

    /// <summary>The event as CloudFormation would issue it next: its own RequestId, issued a second after the last.</summary>
    private CloudFormationRequest Next(CloudFormationRequest request)
    {
        _events++;
        _world.Time.Advance(TimeSpan.FromSeconds(1));
        return MappingEvents.Issued(request, $"request-{_events}", _world.Time.GetUtcNow());
    }

    private Task<CustomResourceOutcome> SendAsync(CloudFormationRequest request) => _world.SendAsync(Next(request));
}
