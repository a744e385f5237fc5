using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

public sealed class UpdateOperationTests
{
    private readonly MappingWorld _world = new();

    [Fact]
    public async Task Update_SamePrincipalSamePolicy_SkipsTheUpdateCall()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal([InMemoryEmrClient.Get], _world.Emr.Calls);
        Assert.Null(outcome.UndoIfUndelivered);
        Assert.Equal(MappingWorld.GroupName, outcome.Data!["IdentityName"]);
        Assert.Equal("2026-11-24T05:00:00Z", outcome.Data["CreationTime"]);
    }

    [Fact]
    public async Task Update_SamePrincipalNewPolicy_UpdatesInPlace()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal([InMemoryEmrClient.Get, InMemoryEmrClient.Update], _world.Emr.Calls);
        Assert.Null(outcome.UndoIfUndelivered);
        Assert.Equal(MappingWorld.OtherPolicy, outcome.Data!["SessionPolicyArn"]);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_NameToIdOfSamePrincipal_IsNotAReplacement()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ById(MappingWorld.GroupId)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal([InMemoryEmrClient.Get], _world.Emr.Calls);
        Assert.Equal(MappingWorld.GroupName, outcome.Data!["IdentityName"]);
    }

    [Fact]
    public async Task Update_IdToNameOfSamePrincipal_IsNotAReplacement()
    {
        var created = await _world.SendAsync(MappingEvents.Create(MappingEvents.ById(MappingWorld.GroupId)));

        var outcome = await _world.SendAsync(
            MappingEvents.Update(created.PhysicalResourceId, MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(created.PhysicalResourceId, outcome.PhysicalResourceId);
        Assert.Equal([InMemoryEmrClient.Get, InMemoryEmrClient.Update], _world.Emr.Calls);
    }

    [Fact]
    public async Task Update_IdInUpperCase_IsTheSamePrincipal()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ById("9a67e5e2d3-1A2B3C4D-1111-2222-3333-444455556666")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
    }

    [Fact]
    public async Task Update_PrincipalRenamedAndTemplateUsesId_KeepsTheMappingAndReportsNewName()
    {
        var created = await _world.SendAsync(MappingEvents.Create(MappingEvents.ById(MappingWorld.GroupId)));
        _world.Emr.RenameIdentity("GROUP", MappingWorld.GroupId, "ml-engineers");

        var outcome = await _world.SendAsync(MappingEvents.Update(created.PhysicalResourceId, MappingEvents.ById(MappingWorld.GroupId)));

        Assert.Equal(created.PhysicalResourceId, outcome.PhysicalResourceId);
        Assert.Equal("ml-engineers", outcome.Data!["IdentityName"]);
    }

    [Fact]
    public async Task Update_TemplateFollowsRename_IsNotAReplacement()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.RenameIdentity("GROUP", MappingWorld.GroupId, "ml-engineers");

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName("ml-engineers")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Update_MappingVanishedOutOfBand_RecreatesItUnderTheSameId(bool byName)
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.RemoveOutOfBand(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);
        var properties = byName
            ? MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy)
            : MappingEvents.ById(MappingWorld.GroupId, policy: MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Update(id, properties));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Null(outcome.UndoIfUndelivered);
        Assert.Equal("recreated", outcome.LogFields!["mappingAction"]);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_MappingVanishesBetweenReadAndUpdate_RecreatesIt()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.BeforeCall = operation =>
        {
            if (operation == InMemoryEmrClient.Update)
            {
                _world.Emr.RemoveOutOfBand(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);
            }
        };

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal(
            [InMemoryEmrClient.Get, InMemoryEmrClient.Update, InMemoryEmrClient.Create, InMemoryEmrClient.Get],
            _world.Emr.Calls);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_DifferentPrincipal_CreatesNewMappingAndKeepsTheOld()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(MappingWorld.OtherGroupMappingId, outcome.PhysicalResourceId);
        Assert.Equal(MappingWorld.OtherGroupId, outcome.Data!["IdentityId"]);
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
        Assert.DoesNotContain(InMemoryEmrClient.Delete, _world.Emr.Calls);
        Assert.Equal("replaced", outcome.LogFields!["mappingAction"]);
    }

    [Fact]
    public async Task Update_Replacement_UndoIfUndeliveredDeletesOnlyTheNewMapping()
    {
        var id = await _world.CreateGroupMappingAsync();
        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ById(MappingWorld.OtherGroupId)));

        await outcome.UndoIfUndelivered!(CancellationToken.None);

        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
        Assert.Null(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
    }

    [Fact]
    public async Task Update_DifferentStudio_IsAReplacement()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName, studioId: MappingWorld.OtherStudio)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal($"emrstudio:{MappingWorld.OtherStudio}/GROUP/{MappingWorld.GroupId}", outcome.PhysicalResourceId);
        Assert.Equal(2, _world.Emr.Mappings.Count);
    }

    [Fact]
    public async Task Update_DifferentType_IsAReplacement()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.UserName, "USER")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal($"emrstudio:{MappingWorld.Studio}/USER/{MappingWorld.UserId}", outcome.PhysicalResourceId);
        Assert.Equal(2, _world.Emr.Mappings.Count);
    }

    [Fact]
    public async Task Update_NewPrincipalAlreadyMappedById_FailsWithOldIdAndLeavesItUntouched()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ById(MappingWorld.OtherGroupId)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("already exists and was left untouched", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId)?.SessionPolicyArn);
        Assert.DoesNotContain(InMemoryEmrClient.Delete, _world.Emr.Calls);
    }

    [Fact]
    public async Task Update_NewPrincipalAlreadyMappedByName_FailsWithOldIdAndLeavesItUntouched()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("already exists and was left untouched", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([InMemoryEmrClient.Get], _world.Emr.Calls);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_ReplacementReadBackFails_DeletesTheNewMappingAndFailsWithOldId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ById(MappingWorld.OtherGroupId)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Null(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
        Assert.Equal(true, outcome.LogFields!["compensatingDelete"]);
    }

    [Fact]
    public async Task Update_InvalidProperties_FailsWithIncomingIdWithoutEmrCall()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.Properties(identityType: "user")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.StartsWith("Invalid properties: IdentityType: must be USER or GROUP", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Calls);
    }

    [Theory]
    [InlineData("emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001")]
    [InlineData("analytics-DataScientists-1ABCDEFGHIJK")]
    public async Task Update_IncomingIdNotOurs_CreatesNewMapping(string incomingId)
    {
        var outcome = await _world.SendAsync(MappingEvents.Update(incomingId, MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(MappingWorld.GroupMappingId, outcome.PhysicalResourceId);
        Assert.NotNull(outcome.UndoIfUndelivered);
        Assert.Equal([InMemoryEmrClient.Create, InMemoryEmrClient.Get], _world.Emr.Calls);
    }

    [Fact]
    public async Task Update_IncomingIdNotOursAndCreateFails_FailsWithIncomingId()
    {
        const string incomingId = "analytics-DataScientists-1ABCDEFGHIJK";
        _world.Emr.FailNext(InMemoryEmrClient.Create, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Update(incomingId, MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(incomingId, outcome.PhysicalResourceId);
    }

    [Fact]
    public async Task Update_RollbackAfterFailedReplacement_SwappedPropertiesSucceed()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.OtherPolicy);
        var original = MappingEvents.ByName(MappingWorld.GroupName);
        var wanted = MappingEvents.ByName(MappingWorld.OtherGroupName);

        var failed = await _world.SendAsync(MappingEvents.Update(id, wanted, original));
        var rollback = await _world.SendAsync(MappingEvents.Update(failed.PhysicalResourceId, original, wanted));

        Assert.Equal(ResponseStatus.Failed, failed.Status);
        Assert.Equal(ResponseStatus.Success, rollback.Status);
        Assert.Equal(id, rollback.PhysicalResourceId);
        Assert.Equal(2, _world.Emr.Mappings.Count);
    }

    [Fact]
    public async Task Update_RollbackOfPolicyChange_RestoresThePolicy()
    {
        var id = await _world.CreateGroupMappingAsync();
        var original = MappingEvents.ByName(MappingWorld.GroupName);
        var changed = MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy);

        await _world.SendAsync(MappingEvents.Update(id, changed, original));
        var rollback = await _world.SendAsync(MappingEvents.Update(id, original, changed));

        Assert.Equal(ResponseStatus.Success, rollback.Status);
        Assert.Equal(id, rollback.PhysicalResourceId);
        Assert.Equal(MappingWorld.Policy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_OldResourcePropertiesDisagreeWithId_FollowsTheId()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName), MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal([InMemoryEmrClient.Get], _world.Emr.Calls);
    }

    [Fact]
    public async Task Update_StudioGone_FailsWithIncomingId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.RemoveStudio(MappingWorld.Studio);

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains(EmrErrors.StudioNotFound, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_UpdateCallFails_FailsWithIncomingId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.FailNext(InMemoryEmrClient.Update, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName, policy: MappingWorld.OtherPolicy)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("UpdateStudioSessionMapping", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_DeadlineBeforeStart_FailsWithIncomingIdWithoutThrowing()
    {
        var id = await _world.CreateGroupMappingAsync();
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var outcome = await _world.SendAsync(
            MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)), deadline.Token);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Single(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Update_ReplacementAnswerLost_DeletesTheNewMappingAndFailsWithOldId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.LoseNextAnswer(InMemoryEmrClient.Create, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Null(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
    }
}
