using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

/// <summary>
/// The rollback after a successful replacement: CloudFormation sends the swapped Update (PhysicalResourceId of the new
/// mapping, properties of the old) while the old mapping still exists, because it deletes the old one only in the
/// cleanup of a successful update.
/// </summary>
public sealed class RollbackRestoreTests
{
    private readonly MappingWorld _world = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_RollbackOntoTheStacksOwnEarlierMapping_RestoresItUnderItsIdWithItsPolicy(bool byId)
    {
        var original = await _world.CreateGroupMappingAsync();
        var forward = await _world.SendAsync(MappingEvents.Update(
            original, MappingEvents.ByName(MappingWorld.OtherGroupName, policy: MappingWorld.OtherPolicy), MappingEvents.ByName(MappingWorld.GroupName)));
        Assert.Equal(MappingWorld.OtherGroupMappingId, forward.PhysicalResourceId);
        // Out of band or by the forward update's template: the old mapping's policy may differ from what the rollback wants.
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);
        _world.Stacks.Status = "UPDATE_ROLLBACK_IN_PROGRESS";
        var rolledBackProperties = byId ? MappingEvents.ById(MappingWorld.GroupId) : MappingEvents.ByName(MappingWorld.GroupName);

        var rollback = await _world.SendAsync(MappingEvents.Update(
            forward.PhysicalResourceId, rolledBackProperties, MappingEvents.ByName(MappingWorld.OtherGroupName, policy: MappingWorld.OtherPolicy)));

        Assert.Equal(ResponseStatus.Success, rollback.Status);
        Assert.Equal(original, rollback.PhysicalResourceId);
        Assert.Equal(MappingWorld.Policy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
        Assert.Equal(MappingWorld.GroupId, rollback.Data!["IdentityId"]);
        Assert.Equal(MappingWorld.Policy, rollback.Data["SessionPolicyArn"]);
        Assert.Null(rollback.UndoIfUndelivered);
        Assert.Equal("restored", rollback.LogFields!["mappingAction"]);
        Assert.Equal("UPDATE_ROLLBACK_IN_PROGRESS", rollback.LogFields["stackStatus"]);
        Assert.Equal(MappingEvents.Create(null).StackId, Assert.Single(_world.Stacks.Asked));
        // The forward mapping is left for the rollback cleanup's Delete, which then removes it.
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
        var cleanup = await _world.SendAsync(MappingEvents.Delete(forward.PhysicalResourceId));
        Assert.Equal(ResponseStatus.Success, cleanup.Status);
        Assert.Null(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
        Assert.Single(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Update_RollbackOfAStudioMove_RestoresTheMappingInTheOldStudio()
    {
        var original = await _world.CreateGroupMappingAsync();
        var moved = await _world.SendAsync(MappingEvents.Update(original, MappingEvents.ByName(MappingWorld.GroupName, studioId: MappingWorld.OtherStudio)));
        Assert.NotEqual(original, moved.PhysicalResourceId);
        _world.Stacks.Status = "UPDATE_ROLLBACK_IN_PROGRESS";

        var rollback = await _world.SendAsync(MappingEvents.Update(moved.PhysicalResourceId, MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Success, rollback.Status);
        Assert.Equal(original, rollback.PhysicalResourceId);
        Assert.Equal([InMemoryEmrClient.Create, InMemoryEmrClient.Get], _world.Emr.Calls);
    }

    [Theory]
    [InlineData("UPDATE_IN_PROGRESS")]
    [InlineData("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")]
    [InlineData("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")]
    [InlineData("CREATE_COMPLETE")]
    [InlineData(null)]
    public async Task Update_ReplacementOntoAnExistingMappingWhenNotRollingBack_FailsAndTouchesNothing(string? status)
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.OtherPolicy);
        _world.Stacks.Status = status;

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("already exists and was left untouched", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(status ?? "unknown to CloudFormation", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("AdoptExisting", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId)?.SessionPolicyArn);
        Assert.DoesNotContain(InMemoryEmrClient.Update, _world.Emr.Calls);
        Assert.DoesNotContain(InMemoryEmrClient.Delete, _world.Emr.Calls);
    }

    [Fact]
    public async Task Update_CloudFormationCannotBeAsked_FailsSayingSoAndTouchesNothing()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.OtherPolicy);
        _world.Stacks.Failure = new AwsServiceException(403, "AccessDenied", "User is not authorized to perform: cloudformation:DescribeStacks");

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("could not be learned from CloudFormation", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_ReplacementOntoAFreePrincipal_NeverAsksCloudFormation()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Empty(_world.Stacks.Asked);
    }
}
