using System.Text;
using EmrStudio.SessionMappingHandler.Emr;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Emr;

public sealed class EmrErrorParsingTests
{
    private static EmrException Parse(int status, string body, string? errorTypeHeader = null)
    {
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)status);
        if (errorTypeHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", errorTypeHeader);
        }

        return EmrJsonProtocol.Parse(status, response, Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public void ParseError_NamespacedType_StripsTheNamespace()
    {
        var error = Parse(400, $$"""{"__type":"{{EmrErrors.TypeNamespace}}{{EmrErrors.InvalidRequest}}","Message":"{{EmrErrors.StudioNotFound}}"}""");

        Assert.Equal(EmrErrors.InvalidRequest, error.ErrorType);
        Assert.Equal(EmrErrors.StudioNotFound, error.ErrorMessage);
        Assert.True(error.IsStudioNotFound);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void ParseError_LowerCaseMessage_IsRead()
    {
        var error = Parse(400, $$"""{"__type":"{{EmrErrors.Throttling}}","message":"{{EmrErrors.RateExceeded}}"}""");

        Assert.Equal(EmrErrors.Throttling, error.ErrorType);
        Assert.Equal(EmrErrors.RateExceeded, error.ErrorMessage);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void ParseError_HtmlBodyFromAProxy_KeepsTheStatusAndAnExcerpt()
    {
        var error = Parse(502, "<html>\n<body>Bad Gateway</body></html>");

        Assert.Equal(502, error.StatusCode);
        Assert.Equal("InternalServerError", error.ErrorType);
        Assert.Contains("HTTP 502", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Bad Gateway", error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.ErrorMessage, StringComparison.Ordinal);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void ParseError_EmptyClientErrorBody_IsAFinalUnknownError()
    {
        var error = Parse(403, string.Empty);

        Assert.Equal("UnknownError", error.ErrorType);
        Assert.Contains("HTTP 403", error.ErrorMessage, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void ParseError_TypeOnlyInHeader_UsesTheHeader()
    {
        var error = Parse(400, "{}", EmrErrors.Throttling + ":http://internal.amazon.com/coral/com.amazon.coral.availability/");

        Assert.Equal(EmrErrors.Throttling, error.ErrorType);
        Assert.True(error.IsRetryable);
    }
}
