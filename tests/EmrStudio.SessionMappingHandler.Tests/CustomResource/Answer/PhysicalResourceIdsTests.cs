using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Answer;

public sealed class PhysicalResourceIdsTests
{
    [Fact]
    public void FailedCreate_Request_NamesResourceAndRequest()
    {
        var sentinel = PhysicalResourceIds.FailedCreate(MappingEvents.Create(MappingEvents.Properties()));

        Assert.Equal("emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001", sentinel);
        Assert.True(PhysicalResourceIds.IsFailedCreate(sentinel));
        Assert.Null(MappingId.Parse(sentinel));
    }

    [Fact]
    public void FailedCreate_HostileRequestParts_IsBoundedAndSanitized()
    {
        var request = new CloudFormationRequest
        {
            RequestType = "Create",
            ResponseUrl = "https://example.com/",
            StackId = "stack",
            RequestId = new string('r', 5000),
            LogicalResourceId = "Data/Scientists:\n\u0000é",
        };

        var sentinel = PhysicalResourceIds.FailedCreate(request);

        Assert.Equal("emrstudio-create-failed:Data_Scientists____:" + new string('r', 64), sentinel);
        Assert.Null(MappingId.Parse(sentinel));
    }

    [Fact]
    public void FailedCreate_EmptyRequestParts_IsNeverEmpty()
    {
        var request = new CloudFormationRequest
        {
            RequestType = "Create",
            ResponseUrl = string.Empty,
            StackId = string.Empty,
            RequestId = string.Empty,
            LogicalResourceId = null!,
        };

        Assert.Equal("emrstudio-create-failed:unknown:unknown", PhysicalResourceIds.FailedCreate(request));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("emrstudio:es-ABC/GROUP/x")]
    public void IsFailedCreate_OtherIds_IsFalse(string? physicalResourceId)
    {
        Assert.False(PhysicalResourceIds.IsFailedCreate(physicalResourceId));
    }

    [Theory]
    [InlineData("Update")]
    [InlineData("Delete")]
    public void FallbackFor_UpdateOrDeleteWithAnId_KeepsTheIncomingId(string requestType)
    {
        var request = MappingEvents.Request(requestType, "emrstudio:es-ABC/GROUP/x", MappingEvents.Properties(), null);

        Assert.Equal("emrstudio:es-ABC/GROUP/x", PhysicalResourceIds.FallbackFor(request));
    }

    [Theory]
    [InlineData("Create", "emrstudio:es-ABC/GROUP/x")]
    [InlineData("Update", null)]
    [InlineData("Delete", "")]
    [InlineData("Update", "over-1-KB")]
    public void FallbackFor_CreateOrNoUsableId_IsTheSentinel(string requestType, string? physicalResourceId)
    {
        var id = physicalResourceId == "over-1-KB" ? new string('é', 513) : physicalResourceId;
        var request = MappingEvents.Request(requestType, id, MappingEvents.Properties(), null);

        Assert.True(PhysicalResourceIds.IsFailedCreate(PhysicalResourceIds.FallbackFor(request)));
    }
}
