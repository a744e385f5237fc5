using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.TestDoubles.MappingWorld;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

/// <summary>A studio named by <c>StudioName</c>: resolved through every page of ListStudios before any mapping call.</summary>
public sealed class StudioNameTests
{
    private readonly MappingWorld _world = new();

    public StudioNameTests()
    {
        _world.Emr.AddStudio(Studio, "analytics");
        _world.Emr.AddStudio(OtherStudio, "research");
        _world.Emr.AddStudio("es-ZZZLASTSTUDIOONTHEPAGES", "archive");
    }

    [Fact]
    public async Task Create_ByStudioName_MapsInTheResolvedStudioAndNamesItsId()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(ByStudioName("research")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal($"emrstudio:{OtherStudio}/GROUP/{GroupId}", outcome.PhysicalResourceId);
        Assert.Equal(OtherStudio, outcome.Data!["StudioId"]);
        Assert.Equal(2, _world.Emr.Calls.Count(call => call == InMemoryEmrClient.ListStudios));
        Assert.NotNull(_world.Emr.Find(OtherStudio, "GROUP", GroupId));
    }

    [Fact]
    public async Task Create_NoStudioHasTheName_FailsNamingThePropertyWithoutAMappingCall()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(ByStudioName("marketing")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal("Invalid properties: StudioName: no studio is named 'marketing' in this account and region", outcome.Reason);
        Assert.All(_world.Emr.Calls, call => Assert.Equal(InMemoryEmrClient.ListStudios, call));
        Assert.True(PhysicalResourceIds.IsFailedCreate(outcome.PhysicalResourceId));
    }

    [Fact]
    public async Task Create_TwoStudiosHaveTheName_FailsNamingBothWithoutAMappingCall()
    {
        _world.Emr.AddStudio("es-SECONDANALYTICS", "analytics");

        var outcome = await _world.SendAsync(MappingEvents.Create(ByStudioName("analytics")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Equal(
            $"Invalid properties: StudioName: 2 studios are named 'analytics' ({Studio}, es-SECONDANALYTICS): name the studio by StudioId instead",
            outcome.Reason);
        Assert.All(_world.Emr.Calls, call => Assert.Equal(InMemoryEmrClient.ListStudios, call));
    }

    [Fact]
    public async Task Create_NameDiffersInCase_IsNoMatch()
    {
        var outcome = await _world.SendAsync(MappingEvents.Create(ByStudioName("Research")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Invalid properties: StudioName: no studio is named 'Research'", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ListStudiosFails_FailsSayingSoWithoutAMappingCall()
    {
        _world.Emr.FailNext(InMemoryEmrClient.ListStudios, InMemoryEmrClient.InternalError);

        var outcome = await _world.SendAsync(MappingEvents.Create(ByStudioName("research")));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.StartsWith("Create failed: StudioName 'research' could not be resolved: ListStudios failed: InternalServerError", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([InMemoryEmrClient.ListStudios], _world.Emr.Calls);
    }

    [Fact]
    public async Task Update_NameNowResolvesToAnotherStudio_IsAReplacement()
    {
        var id = (await _world.SendAsync(MappingEvents.Create(ByStudioName("research")))).PhysicalResourceId;
        _world.Emr.AddStudio(OtherStudio, "research-old");
        _world.Emr.AddStudio(Studio, "research");

        var outcome = await _world.SendAsync(MappingEvents.Update(id, ByStudioName("research"), ByStudioName("research")));

        Assert.Equal(ResponseStatus.Success, outcome.Status);
        Assert.Equal($"emrstudio:{Studio}/GROUP/{GroupId}", outcome.PhysicalResourceId);
        Assert.NotNull(_world.Emr.Find(OtherStudio, "GROUP", GroupId));
    }

    [Fact]
    public async Task Update_SameNameSameStudioNewPolicy_UpdatesInPlace()
    {
        var id = (await _world.SendAsync(MappingEvents.Create(ByStudioName("research")))).PhysicalResourceId;

        var outcome = await _world.SendAsync(MappingEvents.Update(id, ByStudioName("research", OtherPolicy), ByStudioName("research")));

        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal("updated", outcome.LogFields!["mappingAction"]);
        Assert.Equal(OtherPolicy, _world.Emr.Find(OtherStudio, "GROUP", GroupId)!.SessionPolicyArn);
    }

    [Fact]
    public async Task Update_NameToTheSameStudiosId_IsNotAReplacement()
    {
        var id = (await _world.SendAsync(MappingEvents.Create(ByStudioName("research")))).PhysicalResourceId;

        var outcome = await _world.SendAsync(MappingEvents.Update(id, MappingEvents.ByName(GroupName, studioId: OtherStudio), ByStudioName("research")));

        Assert.Equal(id, outcome.PhysicalResourceId);
        Assert.Equal("unchanged", outcome.LogFields!["mappingAction"]);
    }

    [Theory]
    [InlineData(true, "got both")]
    [InlineData(false, "got neither")]
    public async Task Create_BothOrNeitherOfStudioIdAndStudioName_FailsWithoutAnyCall(bool both, string expected)
    {
        var properties = MappingEvents.Json(both
            ? $$"""{"StudioId":"{{Studio}}","StudioName":"research","IdentityType":"GROUP","IdentityName":"{{GroupName}}","SessionPolicyArn":"{{Policy}}"}"""
            : $$"""{"IdentityType":"GROUP","IdentityName":"{{GroupName}}","SessionPolicyArn":"{{Policy}}"}""");

        var outcome = await _world.SendAsync(MappingEvents.Create(properties));

        Assert.Equal(ResponseStatus.Failed, outcome.Status);
        Assert.Contains("StudioId|StudioName", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(expected, outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_world.Emr.Calls);
    }

    private static System.Text.Json.JsonElement ByStudioName(string studioName, string policy = Policy) =>
        MappingEvents.Json($$"""{"StudioName":"{{studioName}}","IdentityType":"GROUP","IdentityName":"{{GroupName}}","SessionPolicyArn":"{{policy}}"}""");
}
