using EmrStudio.SessionMappingHandler.CloudFormation;
using EmrStudio.SessionMappingHandler.Mapping;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping;

public sealed class CreateFailedSentinelTests
{
    [Fact]
    public void For_Request_NamesResourceAndRequest()
    {
        var sentinel = CreateFailedSentinel.For(MappingEvents.Create(MappingEvents.Properties()));

        Assert.Equal("emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001", sentinel);
        Assert.True(CreateFailedSentinel.IsSentinel(sentinel));
        Assert.Null(MappingId.Parse(sentinel));
    }

    [Fact]
    public void For_HostileRequestParts_IsBoundedAndSanitized()
    {
        var request = new CloudFormationRequest
        {
            RequestType = "Create",
            ResponseUrl = "https://example.com/",
            StackId = "stack",
            RequestId = new string('r', 5000),
            LogicalResourceId = "Data/Scientists:\n\u0000é",
        };

        var sentinel = CreateFailedSentinel.For(request);

        Assert.Equal("emrstudio-create-failed:Data_Scientists____:" + new string('r', 64), sentinel);
        Assert.Null(MappingId.Parse(sentinel));
    }

    [Fact]
    public void For_EmptyRequestParts_IsNeverEmpty()
    {
        var request = new CloudFormationRequest
        {
            RequestType = "Create",
            ResponseUrl = string.Empty,
            StackId = string.Empty,
            RequestId = string.Empty,
            LogicalResourceId = null!,
        };

        Assert.Equal("emrstudio-create-failed:unknown:unknown", CreateFailedSentinel.For(request));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("emrstudio:es-ABC/GROUP/x")]
    public void IsSentinel_OtherIds_IsFalse(string? physicalResourceId)
    {
        Assert.False(CreateFailedSentinel.IsSentinel(physicalResourceId));
    }
}
