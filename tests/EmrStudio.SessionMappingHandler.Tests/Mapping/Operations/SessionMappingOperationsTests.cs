using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Mapping.Operations;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

public sealed class SessionMappingOperationsTests
{
    private const string Sentinel = "emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001";

    private readonly MappingWorld _world = new();

    [Theory]
    [InlineData("Upsert")]
    [InlineData("create")]
    [InlineData("")]
    public async Task ExecuteAsync_UnknownRequestTypeWithId_FailsWithThatId(string requestType)
    {
        var request = MappingEvents.Request(requestType, MappingWorld.GroupMappingId, MappingEvents.Properties(), null);

        var outcome = await _world.SendAsync(request);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(MappingWorld.GroupMappingId, outcome.PhysicalResourceId);
        Assert.Contains("Unknown RequestType", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownRequestTypeWithoutId_FailsWithSentinel()
    {
        var request = MappingEvents.Request("Upsert\u0000", null, MappingEvents.Properties(), null);

        var outcome = await _world.SendAsync(request);

        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Equal("Unknown RequestType 'Upsert': expected Create, Update or Delete", outcome.Reason);
    }

    [Fact]
    public async Task ExecuteAsync_RequestTypeMissing_FailsWithSentinel()
    {
        var request = MappingEvents.Request(null!, null, MappingEvents.Properties(), null);

        var outcome = await _world.SendAsync(request);

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
    }

    [Theory]
    [InlineData("Update")]
    [InlineData("Delete")]
    public async Task ExecuteAsync_NoIncomingId_AnswersWithSentinelNeverEmpty(string requestType)
    {
        var request = MappingEvents.Request(requestType, null, MappingEvents.Properties(identityType: "bad"), null);

        var outcome = await _world.SendAsync(request);

        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
    }

    [Fact]
    public async Task ExecuteAsync_Create_LogsCallsAndAction()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(2, outcome.LogFields!["emrCalls"]);
        Assert.Equal("CreateStudioSessionMapping,GetStudioSessionMapping", outcome.LogFields["emrOperations"]);
        Assert.Equal(false, outcome.LogFields["compensatingDelete"]);
        Assert.Equal("created", outcome.LogFields["mappingAction"]);
    }

    [Fact]
    public async Task ExecuteAsync_DeleteOfSentinel_LogsNoCalls()
    {
        var outcome = await _world.SendAsync(MappingEvents.Delete(Sentinel));

        Assert.Equal(0, outcome.LogFields!["emrCalls"]);
        Assert.Equal(string.Empty, outcome.LogFields["emrOperations"]);
        Assert.Equal("not-ours", outcome.LogFields["mappingAction"]);
    }

    [Fact]
    public async Task ExecuteAsync_ClientThrowsUnexpectedException_FailsInsteadOfThrowing()
    {
        _world.Emr.FailNext(InMemoryEmrClient.Create, () => new HttpRequestException("connection reset"));

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(Sentinel, outcome.PhysicalResourceId);
        Assert.Contains("HttpRequestException: connection reset", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ClientThrowsUnexpectedExceptionOnUpdateRead_FailsWithIncomingId()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.FailNext(InMemoryEmrClient.Get, () => new InvalidOperationException("boom"));

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.GroupName)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(id, outcome.PhysicalResourceId);
    }

    [Fact]
    public async Task ExecuteAsync_FullStackLifecycle_LeavesNothingBehind()
    {
        var created = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName)));
        var updated = await _world.SendAsync(MappingEvents.Update(created.PhysicalResourceId, MappingEvents.ByName(MappingWorld.UserName, "USER")));
        var cleanup = await _world.SendAsync(MappingEvents.Delete(created.PhysicalResourceId));
        var deleted = await _world.SendAsync(MappingEvents.Delete(updated.PhysicalResourceId));

        Assert.All([created, updated, cleanup, deleted], o => Assert.Equal(ResponseStatus.Success, o.Status));
        Assert.Empty(_world.Emr.Mappings);
    }

    [Fact]
    public void Constructor_NullArgument_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new SessionMappingOperations(null!, _world.Stacks, null, _world.Log, _world.Time));
    }

    [Fact]
    public async Task ExecuteAsync_UnknownRequestType_LogsTheAction()
    {
        var outcome = await _world.SendAsync(MappingEvents.Request("Upsert", null, MappingEvents.Properties(), null));

        Assert.Equal("unknown-request-type", outcome.LogFields!["mappingAction"]);
    }
}
