using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

/// <summary><c>AdoptExisting</c>: a Create, or a replacing Update, that finds the mapping already there takes it over.</summary>
public sealed class AdoptExistingTests
{
    private readonly MappingWorld _world = new();

    [Fact]
    public async Task Create_AdoptExistingAndTheMappingExists_TakesItOverAndSetsThePolicy()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, adoptExisting: "true")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(MappingWorld.GroupMappingId, outcome.PhysicalResourceId);
        Assert.Equal(MappingWorld.Policy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
        Assert.Equal(MappingWorld.Policy, outcome.Data!["SessionPolicyArn"]);
        Assert.Equal(MappingWorld.GroupName, outcome.Data["IdentityName"]);
        Assert.Equal("adopted", outcome.LogFields!["mappingAction"]);
        var line = Assert.Single(_world.Log.Lines, l => l.Message == "Adopted an existing session mapping.");
        Assert.Equal(MappingWorld.OtherPolicy, line.Fields["oldSessionPolicyArn"]);
        Assert.Empty(_world.Stacks.Asked);
    }

    [Fact]
    public async Task Create_AdoptedButTheAnswerIsUndelivered_PutsTheOldPolicyBackAndKeepsTheMapping()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, adoptExisting: "true")));

        await outcome.UndoIfUndelivered!(CancellationToken.None);

        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Fact]
    public async Task Create_AdoptExistingWithTheSamePolicy_MakesNoUpdateCallAndNeedsNoUndo()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.Policy);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ById(MappingWorld.GroupId, adoptExisting: "true")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal([InMemoryEmrClient.Create, InMemoryEmrClient.Get], _world.Emr.Calls);
        Assert.Null(outcome.UndoIfUndelivered);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData(null)]
    public async Task Create_NothingExists_SimplyCreates(string? adoptExisting)
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, adoptExisting: adoptExisting)));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal("created", outcome.LogFields!["mappingAction"]);
        Assert.NotNull(outcome.UndoIfUndelivered);
    }

    [Theory]
    [InlineData("false")]
    [InlineData(null)]
    public async Task Create_MappingExistsWithoutAdoption_FailsAsBefore(string? adoptExisting)
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, adoptExisting: adoptExisting)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("already exists and was left untouched", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(MappingWorld.OtherPolicy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId)?.SessionPolicyArn);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("")]
    public async Task Create_AdoptExistingNotTrueOrFalse_FailsNamingItWithoutCallingEmr(string value)
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, adoptExisting: value)));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("AdoptExisting:", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Calls);
    }

    [Fact]
    public async Task Update_ReplacementOntoAnExistingMappingWithAdoption_TakesItOverWithoutAskingCloudFormation()
    {
        var id = await _world.CreateGroupMappingAsync();
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId, MappingWorld.OtherPolicy);

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(MappingWorld.OtherGroupName, adoptExisting: "true")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal(MappingWorld.OtherGroupMappingId, outcome.PhysicalResourceId);
        Assert.Equal(MappingWorld.Policy, _world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.OtherGroupId)?.SessionPolicyArn);
        Assert.NotNull(_world.Emr.Find(MappingWorld.Studio, "GROUP", MappingWorld.GroupId));
        Assert.Empty(_world.Stacks.Asked);
    }

    [Fact]
    public async Task Delete_AdoptedMapping_RemovesIt()
    {
        _world.Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, MappingWorld.OtherPolicy);
        var adopted = await _world.SendAsync(MappingEvents.Create(MappingEvents.ByName(MappingWorld.GroupName, adoptExisting: "true")));

        var deleted = await _world.SendAsync(MappingEvents.Delete(adopted.PhysicalResourceId));

        Assert.Equal(ResponseStatus.Success, deleted.Status);
        Assert.Empty(_world.Emr.Mappings);
    }
}
