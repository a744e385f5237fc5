using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Mapping;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping;

public sealed class ReasonTextTests
{
    [Fact]
    public void Echo_ControlCharacters_AreStripped()
    {
        Assert.Equal("ab c", ReasonText.Echo("a\u0000b\r\n c\u0085"));
    }

    [Fact]
    public void Echo_LongValue_IsCutWithEllipsis()
    {
        Assert.Equal(new string('x', 10) + "...", ReasonText.Echo(new string('x', 300), 10));
    }

    [Fact]
    public void Echo_CutInsideSurrogatePair_KeepsWholeCharacters()
    {
        Assert.Equal("a...", ReasonText.Echo("a👩👩", 2));
    }

    [Fact]
    public void Echo_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, ReasonText.Echo(null));
    }

    [Fact]
    public void Describe_EmrError_ShowsTypeAndMessage()
    {
        Assert.Equal(
            "InvalidRequestException: Studio does not exist",
            ReasonText.Describe(new EmrException(400, EmrErrors.InvalidRequest, EmrErrors.StudioNotFound)));
    }

    [Fact]
    public void Describe_Cancellation_SaysTimeRanOut()
    {
        Assert.Equal("the time available for this request ran out", ReasonText.Describe(new OperationCanceledException()));
    }

    [Fact]
    public void Describe_CancellationAfterRealFailures_NamesTheLastOne()
    {
        var cancelled = new OperationCanceledException("deadline", new EmrException(400, EmrErrors.Throttling, EmrErrors.RateExceeded));

        Assert.Equal(
            "the time available for this request ran out; the last failure was ThrottlingException: Rate exceeded",
            ReasonText.Describe(cancelled));
    }

    [Fact]
    public void Describe_CancellationAfterATransportFailure_NamesIt()
    {
        var cancelled = new OperationCanceledException("deadline", new HttpRequestException("Connection refused (127.0.0.1:9)"));

        Assert.Equal(
            "the time available for this request ran out; the last failure was HttpRequestException: Connection refused (127.0.0.1:9)",
            ReasonText.Describe(cancelled));
    }
}
