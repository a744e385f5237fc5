using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

public sealed class DeleteOperationTests
{
    private readonly MappingWorld _world = new();

    [Fact]
    public async Task Delete_OurMapping_DeletesItAndKeepsTheId()
    {
        var id = await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Empty(_world.Emr.Mappings);
        Assert.Equal([InMemoryEmrClient.Delete], _world.Emr.Calls);
    }

    [Fact]
    public async Task Delete_UsesTheIdNotTheProperties()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.Policy);

        await _world.SendAsync(MappingEvents.Delete(id, MappingEvents.ByName(MappingWorld.OtherGroupName)));

        Assert.Null(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId));
    }

    [Fact]
    public async Task Delete_MappingAlreadyGone_Succeeds()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.RemoveOutOfBand(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);

        var outcome = await _world.SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
    }

    [Fact]
    public async Task Delete_StudioGone_Succeeds()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.RemoveStudio(MappingWorld.Studio);

        var outcome = await _world.SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
    }

    [Theory]
    [InlineData("emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001")]
    [InlineData("analytics-DataScientists-1ABCDEFGHIJK")]
    [InlineData("emrstudio:es-ABC/GROUP/a%2fb")]
    [InlineData("junk")]
    public async Task Delete_IdNotOurs_SucceedsWithoutEmrCall(string physicalResourceId)
    {
        await _world.CreateGroupMappingAsync();

        var outcome = await _world.SendAsync(MappingEvents.Delete(physicalResourceId));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(physicalResourceId, outcome.PhysicalResourceId);
        Assert.Empty(_world.Emr.Calls);
        Assert.Single(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Delete_InternalError_FailsWithTheSameId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.FailNext(InMemoryEmrClient.Delete, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("InternalServerError", outcome.Reason, StringComparison.Ordinal);
        Assert.Single(_world.Emr.Mappings);
    }

    [Fact]
    public async Task Delete_OtherInvalidRequest_Fails()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.FailNext(InMemoryEmrClient.Delete, () => InMemoryEmrClient.InvalidRequest("StudioId is invalid"));

        var outcome = await _world.SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("StudioId is invalid", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_PrincipalGoneFromIdentityStore_SucceedsWithTheSameId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.FailNext(InMemoryEmrClient.Delete, () => InMemoryEmrClient.InvalidRequest(EmrErrors.IdentityIdInvalid));

        var outcome = await _world.SendAsync(MappingEvents.Delete(id));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
    }

    [Fact]
    public async Task Delete_DeadlinePassed_FailsWithTheSameIdWithoutThrowing()
    {
        var id = await _world.CreateGroupMappingAsync();
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var outcome = await _world.SendAsync(MappingEvents.Delete(id), deadline.Token);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Contains("ran out", outcome.Reason, StringComparison.Ordinal);
    }
}
